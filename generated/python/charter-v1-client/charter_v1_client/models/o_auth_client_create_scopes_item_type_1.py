from enum import StrEnum


class OAuthClientCreateScopesItemType1(StrEnum):
    EMAIL = "email"
    OFFLINE_ACCESS = "offline_access"
    OPENID = "openid"
    PROFILE = "profile"

    def __str__(self) -> str:
        return str(self.value)
