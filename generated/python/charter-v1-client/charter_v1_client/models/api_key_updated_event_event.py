from enum import StrEnum


class ApiKeyUpdatedEventEvent(StrEnum):
    API_KEY_UPDATED = "api_key.updated"

    def __str__(self) -> str:
        return str(self.value)
