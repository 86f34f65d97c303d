from enum import StrEnum


class OAuthGrantCreatedEventEvent(StrEnum):
    OAUTH_GRANT_CREATED = "oauth.grant.created"

    def __str__(self) -> str:
        return str(self.value)
