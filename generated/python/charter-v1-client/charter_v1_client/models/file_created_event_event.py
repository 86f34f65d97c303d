from enum import StrEnum


class FileCreatedEventEvent(StrEnum):
    FILE_CREATED = "file.created"

    def __str__(self) -> str:
        return str(self.value)
