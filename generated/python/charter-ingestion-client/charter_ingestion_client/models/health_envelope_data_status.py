from enum import StrEnum


class HealthEnvelopeDataStatus(StrEnum):
    HEALTHY = "healthy"

    def __str__(self) -> str:
        return str(self.value)
