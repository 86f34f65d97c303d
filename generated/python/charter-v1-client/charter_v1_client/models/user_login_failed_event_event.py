from enum import StrEnum


class UserLoginFailedEventEvent(StrEnum):
    USER_LOGIN_FAILED = "user.login_failed"

    def __str__(self) -> str:
        return str(self.value)
