from enum import StrEnum


class CollectionDeletedEventEvent(StrEnum):
    COLLECTION_DELETED = "collection.deleted"

    def __str__(self) -> str:
        return str(self.value)
