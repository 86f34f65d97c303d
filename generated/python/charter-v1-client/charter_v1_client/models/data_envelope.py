from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record import Record


T = TypeVar("T", bound="DataEnvelope")


@_attrs_define
class DataEnvelope:
    """
    Example:
        {'data': {'collection': 'default', 'created_at': '2026-01-15T10:30:00Z', 'data': {'name': 'Sample Dataset',
            'values': [1, 2, 3, 4, 5]}, 'id': 'rec_3KfA9cLq2TnV7wXy', 'metadata': {}, 'updated_at': '2026-01-15T10:30:00Z'}}

    Attributes:
        data (Record):  Example: {'collection': 'products', 'created_at': '2024-02-07T10:30:00Z', 'data': {'category':
            'electronics', 'in_stock': True, 'name': 'Widget Pro', 'price': 29.99}, 'id': 'rec_3KfA9cLq2TnV7wXy',
            'metadata': {'source': 'import_batch_001', 'tags': ['featured', 'new']}, 'updated_at': '2024-02-07T10:30:00Z'}.
    """

    data: Record
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record import Record  # noqa: PLC0415

        d = dict(src_dict)
        data = Record.from_dict(d.pop("data"))

        data_envelope = cls(
            data=data,
        )

        data_envelope.additional_properties = d
        return data_envelope

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
