from enum import StrEnum


class AuditEventActorType(StrEnum):
    API_KEY = "api_key"
    OAUTH = "oauth"
    SHARE = "share"
    SYSTEM = "system"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
