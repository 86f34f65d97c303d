from enum import StrEnum


class OrganizationUpdatedEventEvent(StrEnum):
    ORGANIZATION_UPDATED = "organization.updated"

    def __str__(self) -> str:
        return str(self.value)
