from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
