from enum import StrEnum


class UserMfaFailedEventEvent(StrEnum):
    USER_MFA_FAILED = "user.mfa_failed"

    def __str__(self) -> str:
        return str(self.value)
