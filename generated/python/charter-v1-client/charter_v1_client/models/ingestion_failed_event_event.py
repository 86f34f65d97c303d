from enum import StrEnum


class IngestionFailedEventEvent(StrEnum):
    INGESTION_FAILED = "ingestion.failed"

    def __str__(self) -> str:
        return str(self.value)
