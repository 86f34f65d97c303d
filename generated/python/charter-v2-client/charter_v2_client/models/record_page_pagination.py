from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordPagePagination")


@_attrs_define
class RecordPagePagination:
    """
    Attributes:
        has_more (bool):  Example: True.
        limit (int):  Example: 20.
        next_cursor (None | str): The `after` of the next page; null on the last page. Example:
            eyJrIjpbIjIwMjQtMDItMDdUMTA6MzA6MDAuMDAwMDAwWiJdLCJpIjoicmVjXzNLZkE5Y0xxMlRuVjd3WHkifQ.c2ln.
        offset (int): The `offset` asked for; 0 on keyset pages (`after`). Example: 0.
        total (int | None): Records matching the filter: counted exactly, estimated (`count=estimated` on
            PostgreSQL), or null with `count=none`.
             Example: 150.
    """

    has_more: bool
    limit: int
    next_cursor: None | str
    offset: int
    total: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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
        d = dict(src_dict)
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

        record_page_pagination = cls(
            has_more=has_more,
            limit=limit,
            next_cursor=next_cursor,
            offset=offset,
            total=total,
        )

        record_page_pagination.additional_properties = d
        return record_page_pagination

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
