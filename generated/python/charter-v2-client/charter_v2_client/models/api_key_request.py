from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiKeyRequest")


@_attrs_define
class ApiKeyRequest:
    """
    Example:
        {'expires_in_days': 365, 'name': 'Production Server', 'permissions': ['read:data', 'write:data']}

    Attributes:
        name (str):
        permissions (list[Scope]):
        expires_in_days (int | Unset): Days until the key stops working; no expiry when omitted.
    """

    name: str
    permissions: list[Scope]
    expires_in_days: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        expires_in_days = self.expires_in_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "permissions": permissions,
            }
        )
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Scope(permissions_item_data)

            permissions.append(permissions_item)

        expires_in_days = d.pop("expires_in_days", UNSET)

        api_key_request = cls(
            name=name,
            permissions=permissions,
            expires_in_days=expires_in_days,
        )

        return api_key_request
