from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_data import RecordData
    from ..models.record_metadata import RecordMetadata


T = TypeVar("T", bound="Record")


@_attrs_define
class Record:
    """
    Example:
        {'collection': 'products', 'created_at': '2024-02-07T10:30:00Z', 'data': {'category': 'electronics', 'in_stock':
            True, 'name': 'Widget Pro', 'price': 29.99}, 'id': 'rec_3KfA9cLq2TnV7wXy', 'metadata': {'source':
            'import_batch_001', 'tags': ['featured', 'new']}, 'updated_at': '2024-02-07T10:30:00Z'}

    Attributes:
        collection (str):  Example: products.
        created_at (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        data (RecordData):
        id (str):  Example: rec_3KfA9cLq2TnV7wXy.
        metadata (RecordMetadata):
        updated_at (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        expires_at (datetime.datetime | Unset): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
    """

    collection: str
    created_at: datetime.datetime
    data: RecordData
    id: str
    metadata: RecordMetadata
    updated_at: datetime.datetime
    expires_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        collection = self.collection

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        metadata = self.metadata.to_dict()

        updated_at = self.updated_at.isoformat()

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "collection": collection,
                "created_at": created_at,
                "data": data,
                "id": id,
                "metadata": metadata,
                "updated_at": updated_at,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_data import RecordData  # noqa: PLC0415
        from ..models.record_metadata import RecordMetadata  # noqa: PLC0415

        d = dict(src_dict)
        collection = d.pop("collection")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = RecordData.from_dict(d.pop("data"))

        id = d.pop("id")

        metadata = RecordMetadata.from_dict(d.pop("metadata"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        record = cls(
            collection=collection,
            created_at=created_at,
            data=data,
            id=id,
            metadata=metadata,
            updated_at=updated_at,
            expires_at=expires_at,
        )

        record.additional_properties = d
        return record

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
