from enum import StrEnum


class HealthApiStatus(StrEnum):
    BETA = "beta"
    DEPRECATED = "deprecated"
    STABLE = "stable"

    def __str__(self) -> str:
        return str(self.value)
