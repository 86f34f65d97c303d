from enum import StrEnum


class UserAuthenticatedEventEvent(StrEnum):
    USER_AUTHENTICATED = "user.authenticated"

    def __str__(self) -> str:
        return str(self.value)
