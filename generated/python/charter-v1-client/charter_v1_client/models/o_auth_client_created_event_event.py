from enum import StrEnum


class OAuthClientCreatedEventEvent(StrEnum):
    OAUTH_CLIENT_CREATED = "oauth.client.created"

    def __str__(self) -> str:
        return str(self.value)
