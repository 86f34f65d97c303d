from enum import StrEnum


class WebhookEventDataReason(StrEnum):
    FAILING = "failing"
    GONE = "gone"

    def __str__(self) -> str:
        return str(self.value)
