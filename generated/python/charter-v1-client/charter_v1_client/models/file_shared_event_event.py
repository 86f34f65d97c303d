from enum import StrEnum


class FileSharedEventEvent(StrEnum):
    FILE_SHARED = "file.shared"

    def __str__(self) -> str:
        return str(self.value)
