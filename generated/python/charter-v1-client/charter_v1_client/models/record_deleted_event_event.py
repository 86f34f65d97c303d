from enum import StrEnum


class RecordDeletedEventEvent(StrEnum):
    RECORD_DELETED = "record.deleted"

    def __str__(self) -> str:
        return str(self.value)
