from enum import StrEnum


class SharePermissions(StrEnum):
    EDIT = "edit"
    VIEW = "view"

    def __str__(self) -> str:
        return str(self.value)
