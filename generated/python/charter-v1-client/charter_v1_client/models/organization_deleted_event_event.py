from enum import StrEnum


class OrganizationDeletedEventEvent(StrEnum):
    ORGANIZATION_DELETED = "organization.deleted"

    def __str__(self) -> str:
        return str(self.value)
