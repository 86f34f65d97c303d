from enum import StrEnum


class WebhookDisabledEventEvent(StrEnum):
    WEBHOOK_DISABLED = "webhook.disabled"

    def __str__(self) -> str:
        return str(self.value)
