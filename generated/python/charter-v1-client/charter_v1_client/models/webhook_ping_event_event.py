from enum import StrEnum


class WebhookPingEventEvent(StrEnum):
    WEBHOOK_PING = "webhook.ping"

    def __str__(self) -> str:
        return str(self.value)
