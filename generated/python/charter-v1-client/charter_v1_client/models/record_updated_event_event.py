from enum import StrEnum


class RecordUpdatedEventEvent(StrEnum):
    RECORD_UPDATED = "record.updated"

    def __str__(self) -> str:
        return str(self.value)
