from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record import Record
    from ..models.record_page_pagination import RecordPagePagination


T = TypeVar("T", bound="RecordPage")


@_attrs_define
class RecordPage:
    """
    Example:
        {'data': [{'collection': 'products', 'created_at': '2024-02-07T10:30:00Z', 'data': {'category': 'electronics',
            'in_stock': True, 'name': 'Widget Pro', 'price': 29.99}, 'id': 'rec_3KfA9cLq2TnV7wXy', 'metadata': {'source':
            'import_batch_001', 'tags': ['featured', 'new']}, 'updated_at': '2024-02-07T10:30:00Z'}], 'pagination':
            {'has_more': True, 'limit': 20, 'next_cursor':
            'eyJrIjpbIjIwMjQtMDItMDdUMTA6MzA6MDAuMDAwMDAwWiJdLCJpIjoicmVjXzNLZkE5Y0xxMlRuVjd3WHkifQ.c2ln', 'offset': 0,
            'total': 150}}

    Attributes:
        data (list[Record]):
        pagination (RecordPagePagination):
    """

    data: list[Record]
    pagination: RecordPagePagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record import Record  # noqa: PLC0415
        from ..models.record_page_pagination import RecordPagePagination  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = Record.from_dict(data_item_data)

            data.append(data_item)

        pagination = RecordPagePagination.from_dict(d.pop("pagination"))

        record_page = cls(
            data=data,
            pagination=pagination,
        )

        record_page.additional_properties = d
        return record_page

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
