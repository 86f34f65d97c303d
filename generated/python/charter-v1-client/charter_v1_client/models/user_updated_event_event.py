from enum import StrEnum


class UserUpdatedEventEvent(StrEnum):
    USER_UPDATED = "user.updated"

    def __str__(self) -> str:
        return str(self.value)
