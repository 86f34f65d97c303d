from enum import StrEnum


class VerifyRequestMethod(StrEnum):
    EMAIL = "email"
    RECOVERY = "recovery"
    SMS = "sms"
    TOTP = "totp"

    def __str__(self) -> str:
        return str(self.value)
