from enum import StrEnum


class PlanName(StrEnum):
    CLOUDSYNC_BASIC = "cloudsync-basic"
    CLOUDSYNC_ENTERPRISE = "cloudsync-enterprise"
    CLOUDSYNC_PROFESSIONAL = "cloudsync-professional"
    ENTERPRISE = "enterprise"
    FREE = "free"
    HOURLY_ENTERPRISE = "hourly-enterprise"
    HOURLY_FREE = "hourly-free"
    HOURLY_PRO = "hourly-pro"
    HOURLY_STARTER = "hourly-starter"
    PLATFORM_PROFESSIONAL = "platform-professional"
    PLATFORM_STANDARD = "platform-standard"
    PRO = "pro"

    def __str__(self) -> str:
        return str(self.value)
