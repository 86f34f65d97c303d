from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.collection_declaration_schema_type_0 import CollectionDeclarationSchemaType0


T = TypeVar("T", bound="CollectionDeclaration")


@_attrs_define
class CollectionDeclaration:
    """
    Attributes:
        indexes (list[str] | Unset): Data fields to index, named as filters name them.
        schema (CollectionDeclarationSchemaType0 | None | Unset): JSON Schema (Draft 2020-12) for each record's `data`;
            `null` for none.
    """

    indexes: list[str] | Unset = UNSET
    schema: CollectionDeclarationSchemaType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.collection_declaration_schema_type_0 import CollectionDeclarationSchemaType0  # noqa: PLC0415

        indexes: list[str] | Unset = UNSET
        if not isinstance(self.indexes, Unset):
            indexes = self.indexes

        schema: dict[str, Any] | None | Unset
        if isinstance(self.schema, Unset):
            schema = UNSET
        elif isinstance(self.schema, CollectionDeclarationSchemaType0):
            schema = self.schema.to_dict()
        else:
            schema = self.schema

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if indexes is not UNSET:
            field_dict["indexes"] = indexes
        if schema is not UNSET:
            field_dict["schema"] = schema

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.collection_declaration_schema_type_0 import CollectionDeclarationSchemaType0  # noqa: PLC0415

        d = dict(src_dict)
        indexes = cast(list[str], d.pop("indexes", UNSET))

        def _parse_schema(data: object) -> CollectionDeclarationSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schema_type_0 = CollectionDeclarationSchemaType0.from_dict(data)

                return schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CollectionDeclarationSchemaType0 | None | Unset, data)

        schema = _parse_schema(d.pop("schema", UNSET))

        collection_declaration = cls(
            indexes=indexes,
            schema=schema,
        )

        return collection_declaration
