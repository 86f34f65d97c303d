from enum import StrEnum


class IngestionCompletedEventEvent(StrEnum):
    INGESTION_COMPLETED = "ingestion.completed"

    def __str__(self) -> str:
        return str(self.value)
