from enum import StrEnum


class OrganizationCreatedEventEvent(StrEnum):
    ORGANIZATION_CREATED = "organization.created"

    def __str__(self) -> str:
        return str(self.value)
