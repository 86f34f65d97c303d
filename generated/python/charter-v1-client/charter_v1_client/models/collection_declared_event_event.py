from enum import StrEnum


class CollectionDeclaredEventEvent(StrEnum):
    COLLECTION_DECLARED = "collection.declared"

    def __str__(self) -> str:
        return str(self.value)
