from enum import StrEnum


class RecordEventDataReason(StrEnum):
    EXPIRED = "expired"

    def __str__(self) -> str:
        return str(self.value)
