from enum import StrEnum


class StatusEnvelopeDataStorageType(StrEnum):
    LOCAL = "local"

    def __str__(self) -> str:
        return str(self.value)
