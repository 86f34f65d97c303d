from enum import StrEnum


class IngestionTokensDataTokenType(StrEnum):
    BEARER = "Bearer"

    def __str__(self) -> str:
        return str(self.value)
