from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record import Record


T = TypeVar("T", bound="DataPage")


@_attrs_define
class DataPage:
    """
    Example:
        {'data': [{'collection': 'default', 'created_at': '2026-01-15T10:30:00Z', 'data': {'name': 'Sample Dataset',
            'values': [1, 2, 3, 4, 5]}, 'id': 'rec_3KfA9cLq2TnV7wXy', 'metadata': {}, 'updated_at':
            '2026-01-15T10:30:00Z'}], 'has_more': False, 'limit': 20, 'next_cursor': None, 'offset': 0, 'total': 1}

    Attributes:
        data (list[Record]):
        has_more (bool):
        limit (int):
        next_cursor (None | str): The `after` of the next page; null on the last page.
        offset (int): The `offset` asked for; 0 on keyset pages (`after`).
        total (int | None): Records matching the filter, as `count` asks (null with `count=none`).
    """

    data: list[Record]
    has_more: bool
    limit: int
    next_cursor: None | str
    offset: int
    total: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        has_more = self.has_more

        limit = self.limit

        next_cursor: None | str
        next_cursor = self.next_cursor

        offset = self.offset

        total: int | None
        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "has_more": has_more,
                "limit": limit,
                "next_cursor": next_cursor,
                "offset": offset,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record import Record  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = Record.from_dict(data_item_data)

            data.append(data_item)

        has_more = d.pop("has_more")

        limit = d.pop("limit")

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        offset = d.pop("offset")

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        data_page = cls(
            data=data,
            has_more=has_more,
            limit=limit,
            next_cursor=next_cursor,
            offset=offset,
            total=total,
        )

        data_page.additional_properties = d
        return data_page

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
