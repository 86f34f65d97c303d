from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="IngestionWebhookPageDataPagination")


@_attrs_define
class IngestionWebhookPageDataPagination:
    """
    Attributes:
        limit (int):  Example: 100.
        page (int):  Example: 1.
        pages (int):  Example: 1.
        total (int):  Example: 1.
    """

    limit: int
    page: int
    pages: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        limit = self.limit

        page = self.page

        pages = self.pages

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "limit": limit,
                "page": page,
                "pages": pages,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        limit = d.pop("limit")

        page = d.pop("page")

        pages = d.pop("pages")

        total = d.pop("total")

        ingestion_webhook_page_data_pagination = cls(
            limit=limit,
            page=page,
            pages=pages,
            total=total,
        )

        ingestion_webhook_page_data_pagination.additional_properties = d
        return ingestion_webhook_page_data_pagination

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
