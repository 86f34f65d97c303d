from enum import StrEnum


class ApiKeyRolledEventEvent(StrEnum):
    API_KEY_ROLLED = "api_key.rolled"

    def __str__(self) -> str:
        return str(self.value)
