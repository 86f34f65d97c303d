from enum import StrEnum


class OAuthGrantRevokedEventEvent(StrEnum):
    OAUTH_GRANT_REVOKED = "oauth.grant.revoked"

    def __str__(self) -> str:
        return str(self.value)
