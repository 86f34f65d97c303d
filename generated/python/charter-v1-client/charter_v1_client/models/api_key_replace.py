from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyReplace")


@_attrs_define
class ApiKeyReplace:
    """
    Example:
        {'ip_ranges': ['203.0.113.0/24'], 'name': 'Reporting', 'scopes': ['users:read']}

    Attributes:
        name (str):
        scopes (list[Scope]):
        ip_ranges (list[str] | Unset):
    """

    name: str
    scopes: list[Scope]
    ip_ranges: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item = scopes_item_data.value
            scopes.append(scopes_item)

        ip_ranges: list[str] | Unset = UNSET
        if not isinstance(self.ip_ranges, Unset):
            ip_ranges = self.ip_ranges

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "scopes": scopes,
            }
        )
        if ip_ranges is not UNSET:
            field_dict["ip_ranges"] = ip_ranges

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

        ip_ranges = cast(list[str], d.pop("ip_ranges", UNSET))

        api_key_replace = cls(
            name=name,
            scopes=scopes,
            ip_ranges=ip_ranges,
        )

        return api_key_replace
