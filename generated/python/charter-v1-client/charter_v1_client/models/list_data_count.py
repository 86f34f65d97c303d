from enum import StrEnum


class ListDataCount(StrEnum):
    ESTIMATED = "estimated"
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
