from enum import StrEnum


class UserUnlockedEventEvent(StrEnum):
    USER_UNLOCKED = "user.unlocked"

    def __str__(self) -> str:
        return str(self.value)
