from enum import StrEnum


class UserCreatedEventEvent(StrEnum):
    USER_CREATED = "user.created"

    def __str__(self) -> str:
        return str(self.value)
