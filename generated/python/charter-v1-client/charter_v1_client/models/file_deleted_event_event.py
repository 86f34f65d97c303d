from enum import StrEnum


class FileDeletedEventEvent(StrEnum):
    FILE_DELETED = "file.deleted"

    def __str__(self) -> str:
        return str(self.value)
