from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OAuthGrant")


@_attrs_define
class OAuthGrant:
    """
    Example:
        {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_name': 'Reporting dashboard', 'created_at':
            '2026-01-01T00:00:00Z', 'scopes': ['openid', 'users:read'], 'updated_at': '2026-01-01T00:00:00Z'}

    Attributes:
        client_id (str):
        client_name (str):
        created_at (datetime.datetime):
        scopes (list[str]):
        updated_at (datetime.datetime):
    """

    client_id: str
    client_name: str
    created_at: datetime.datetime
    scopes: list[str]
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_name = self.client_name

        created_at = self.created_at.isoformat()

        scopes = self.scopes

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "client_name": client_name,
                "created_at": created_at,
                "scopes": scopes,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        client_name = d.pop("client_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        scopes = cast(list[str], d.pop("scopes"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        o_auth_grant = cls(
            client_id=client_id,
            client_name=client_name,
            created_at=created_at,
            scopes=scopes,
            updated_at=updated_at,
        )

        o_auth_grant.additional_properties = d
        return o_auth_grant

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
