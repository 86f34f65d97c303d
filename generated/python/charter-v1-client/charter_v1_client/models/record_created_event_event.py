from enum import StrEnum


class RecordCreatedEventEvent(StrEnum):
    RECORD_CREATED = "record.created"

    def __str__(self) -> str:
        return str(self.value)
