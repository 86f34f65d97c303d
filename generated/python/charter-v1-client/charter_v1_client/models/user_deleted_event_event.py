from enum import StrEnum


class UserDeletedEventEvent(StrEnum):
    USER_DELETED = "user.deleted"

    def __str__(self) -> str:
        return str(self.value)
