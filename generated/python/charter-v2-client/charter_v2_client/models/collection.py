from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.collection_schema_type_0 import CollectionSchemaType0


T = TypeVar("T", bound="Collection")


@_attrs_define
class Collection:
    """
    Example:
        {'declared_at': '2024-02-07T10:30:00Z', 'indexes': ['price', 'category'], 'name': 'products', 'record_count':
            150, 'schema': {'properties': {'category': {'type': 'string'}, 'name': {'type': 'string'}, 'price': {'minimum':
            0, 'type': 'number'}}, 'required': ['name', 'price'], 'type': 'object'}, 'version': 1}

    Attributes:
        declared_at (datetime.datetime | None): When the current declaration was made (null if never declared). Example:
            2024-02-07T10:30:00Z.
        indexes (list[str]):  Example: ['price', 'category'].
        name (str):  Example: products.
        record_count (int): Live records (expired ones are not counted). Example: 150.
        schema (CollectionSchemaType0 | None): The declared JSON Schema, or null.
        version (int): The declaration's version (0 while the collection was never declared). Example: 1.
    """

    declared_at: datetime.datetime | None
    indexes: list[str]
    name: str
    record_count: int
    schema: CollectionSchemaType0 | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.collection_schema_type_0 import CollectionSchemaType0  # noqa: PLC0415

        declared_at: None | str
        if isinstance(self.declared_at, datetime.datetime):
            declared_at = self.declared_at.isoformat()
        else:
            declared_at = self.declared_at

        indexes = self.indexes

        name = self.name

        record_count = self.record_count

        schema: dict[str, Any] | None
        if isinstance(self.schema, CollectionSchemaType0):
            schema = self.schema.to_dict()
        else:
            schema = self.schema

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "declared_at": declared_at,
                "indexes": indexes,
                "name": name,
                "record_count": record_count,
                "schema": schema,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.collection_schema_type_0 import CollectionSchemaType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_declared_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                declared_at_type_0 = datetime.datetime.fromisoformat(data)

                return declared_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        declared_at = _parse_declared_at(d.pop("declared_at"))

        indexes = cast(list[str], d.pop("indexes"))

        name = d.pop("name")

        record_count = d.pop("record_count")

        def _parse_schema(data: object) -> CollectionSchemaType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schema_type_0 = CollectionSchemaType0.from_dict(data)

                return schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CollectionSchemaType0 | None, data)

        schema = _parse_schema(d.pop("schema"))

        version = d.pop("version")

        collection = cls(
            declared_at=declared_at,
            indexes=indexes,
            name=name,
            record_count=record_count,
            schema=schema,
            version=version,
        )

        collection.additional_properties = d
        return collection

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
