from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.o_auth_client import OAuthClient


T = TypeVar("T", bound="OAuthClientPage")


@_attrs_define
class OAuthClientPage:
    """
    Example:
        {'data': [{'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential', 'created_at':
            '2026-01-01T00:00:00Z', 'grant_types': ['authorization_code', 'refresh_token'], 'id': 'cli_4eC39HqLyjWDarjt',
            'mode': 'live', 'name': 'Reporting dashboard', 'previous_secret_expires_at': None, 'redirect_uri':
            'https://app.example.com/callback', 'redirect_uris': ['https://app.example.com/callback'], 'scopes': ['openid',
            'users:read'], 'secret_last4': 'x9Qz', 'token_endpoint_auth_method': 'client_secret_basic', 'updated_at':
            '2026-01-01T00:00:00Z'}], 'has_more': False, 'limit': 20, 'offset': 0, 'total': 1}

    Attributes:
        data (list[OAuthClient]):
        has_more (bool):
        limit (int):
        offset (int):
        total (int):
    """

    data: list[OAuthClient]
    has_more: bool
    limit: int
    offset: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        has_more = self.has_more

        limit = self.limit

        offset = self.offset

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "has_more": has_more,
                "limit": limit,
                "offset": offset,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.o_auth_client import OAuthClient  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = OAuthClient.from_dict(data_item_data)

            data.append(data_item)

        has_more = d.pop("has_more")

        limit = d.pop("limit")

        offset = d.pop("offset")

        total = d.pop("total")

        o_auth_client_page = cls(
            data=data,
            has_more=has_more,
            limit=limit,
            offset=offset,
            total=total,
        )

        o_auth_client_page.additional_properties = d
        return o_auth_client_page

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
