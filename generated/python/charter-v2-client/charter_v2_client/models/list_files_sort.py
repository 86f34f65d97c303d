from enum import StrEnum


class ListFilesSort(StrEnum):
    MODIFIED = "modified"
    NAME = "name"
    SIZE = "size"

    def __str__(self) -> str:
        return str(self.value)
