from enum import StrEnum


class ApiKeyRevokedEventEvent(StrEnum):
    API_KEY_REVOKED = "api_key.revoked"

    def __str__(self) -> str:
        return str(self.value)
