from enum import StrEnum


class ListKeysSort(StrEnum):
    CREATED_AT = "created_at"
    EXPIRES_AT = "expires_at"
    LAST_USED_AT = "last_used_at"
    NAME = "name"

    def __str__(self) -> str:
        return str(self.value)
