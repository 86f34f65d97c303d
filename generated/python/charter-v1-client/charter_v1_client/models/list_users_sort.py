from enum import StrEnum


class ListUsersSort(StrEnum):
    CREATED_AT = "created_at"
    LAST_LOGIN_AT = "last_login_at"
    UPDATED_AT = "updated_at"
    USERNAME = "username"

    def __str__(self) -> str:
        return str(self.value)
