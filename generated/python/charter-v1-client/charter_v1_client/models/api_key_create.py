from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_key_create_mode import ApiKeyCreateMode
from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyCreate")


@_attrs_define
class ApiKeyCreate:
    """
    Example:
        {'ip_ranges': ['203.0.113.0/24'], 'mode': 'live', 'name': 'Production Server', 'scopes': ['users:read',
            'users:write']}

    Attributes:
        name (str):
        scopes (list[Scope]):
        expires_at (datetime.datetime | Unset):
        ip_ranges (list[str] | Unset):
        mode (ApiKeyCreateMode | Unset):  Default: ApiKeyCreateMode.LIVE.
    """

    name: str
    scopes: list[Scope]
    expires_at: datetime.datetime | Unset = UNSET
    ip_ranges: list[str] | Unset = UNSET
    mode: ApiKeyCreateMode | Unset = ApiKeyCreateMode.LIVE

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        ip_ranges: list[str] | Unset = UNSET
        if not isinstance(self.ip_ranges, Unset):
            ip_ranges = self.ip_ranges

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "scopes": scopes,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if ip_ranges is not UNSET:
            field_dict["ip_ranges"] = ip_ranges
        if mode is not UNSET:
            field_dict["mode"] = mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:
            scopes_item = Scope(scopes_item_data)

            scopes.append(scopes_item)

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        ip_ranges = cast(list[str], d.pop("ip_ranges", UNSET))

        _mode = d.pop("mode", UNSET)
        mode: ApiKeyCreateMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = ApiKeyCreateMode(_mode)

        api_key_create = cls(
            name=name,
            scopes=scopes,
            expires_at=expires_at,
            ip_ranges=ip_ranges,
            mode=mode,
        )

        return api_key_create
