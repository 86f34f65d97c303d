from enum import StrEnum


class ListRecordsCount(StrEnum):
    ESTIMATED = "estimated"
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
