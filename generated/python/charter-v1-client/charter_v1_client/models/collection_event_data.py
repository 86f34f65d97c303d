from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CollectionEventData")


@_attrs_define
class CollectionEventData:
    """
    Example:
        {'collection': 'products', 'version': 2}

    Attributes:
        collection (str):  Example: products.
        records_deleted (int | Unset): `collection.deleted`: records deleted with it. Example: 150.
        version (int | Unset): `collection.declared`: the declaration's version. Example: 2.
    """

    collection: str
    records_deleted: int | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        collection = self.collection

        records_deleted = self.records_deleted

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "collection": collection,
            }
        )
        if records_deleted is not UNSET:
            field_dict["records_deleted"] = records_deleted
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        collection = d.pop("collection")

        records_deleted = d.pop("records_deleted", UNSET)

        version = d.pop("version", UNSET)

        collection_event_data = cls(
            collection=collection,
            records_deleted=records_deleted,
            version=version,
        )

        collection_event_data.additional_properties = d
        return collection_event_data

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
