from enum import StrEnum


class ReportGeneratedEventEvent(StrEnum):
    REPORT_GENERATED = "report.generated"

    def __str__(self) -> str:
        return str(self.value)
