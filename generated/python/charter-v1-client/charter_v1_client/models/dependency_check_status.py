from enum import StrEnum


class DependencyCheckStatus(StrEnum):
    DEGRADED = "degraded"
    FAILING = "failing"
    NOT_CONFIGURED = "not_configured"
    OK = "ok"

    def __str__(self) -> str:
        return str(self.value)
