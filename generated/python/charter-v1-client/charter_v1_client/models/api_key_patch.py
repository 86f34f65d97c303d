from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyPatch")


@_attrs_define
class ApiKeyPatch:
    """
    Example:
        {'scopes': ['users:read']}

    Attributes:
        ip_ranges (list[str] | Unset):
        name (str | Unset):
        scopes (list[Scope] | Unset):
    """

    ip_ranges: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    scopes: list[Scope] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ip_ranges: list[str] | Unset = UNSET
        if not isinstance(self.ip_ranges, Unset):
            ip_ranges = self.ip_ranges

        name = self.name

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = []
            for scopes_item_data in self.scopes:
                scopes_item = scopes_item_data.value
                scopes.append(scopes_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ip_ranges is not UNSET:
            field_dict["ip_ranges"] = ip_ranges
        if name is not UNSET:
            field_dict["name"] = name
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ip_ranges = cast(list[str], d.pop("ip_ranges", UNSET))

        name = d.pop("name", UNSET)

        _scopes = d.pop("scopes", UNSET)
        scopes: list[Scope] | Unset = UNSET
        if _scopes is not UNSET:
            scopes = []
            for scopes_item_data in _scopes:
                scopes_item = Scope(scopes_item_data)

                scopes.append(scopes_item)

        api_key_patch = cls(
            ip_ranges=ip_ranges,
            name=name,
            scopes=scopes,
        )

        return api_key_patch
