from enum import StrEnum


class ListAuditEventsSort(StrEnum):
    ACTION = "action"
    CREATED_AT = "created_at"

    def __str__(self) -> str:
        return str(self.value)
