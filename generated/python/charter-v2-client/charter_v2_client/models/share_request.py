from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.share_request_permissions import ShareRequestPermissions
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShareRequest")


@_attrs_define
class ShareRequest:
    """
    Attributes:
        email (str): An email address, the one rule of every surface (users, one-time codes, file shares): ASCII,
            6-254 characters, `local@domain` where the local part is RFC 5322's dot-atom (runs of
            letters, digits and ``!#$%&'*+/=?^_`{|}~-`` joined by single dots, none first or last) and the
            domain is at least two dot-separated labels of letters, digits and `-`. Spaces, angle
            brackets, quotes, `@` twice and line breaks are refused. This pattern is the rule (no
            `format: email`, whose meaning differs between validators).
             Example: john@example.com.
        expires_at (datetime.datetime | Unset):  Example: 2030-02-15T00:00:00Z.
        password_protected (bool | Unset):  Default: False. Example: True.
        permissions (ShareRequestPermissions | Unset):  Default: ShareRequestPermissions.VIEW. Example: view.
    """

    email: str
    expires_at: datetime.datetime | Unset = UNSET
    password_protected: bool | Unset = False
    permissions: ShareRequestPermissions | Unset = ShareRequestPermissions.VIEW

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()

        password_protected = self.password_protected

        permissions: str | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if password_protected is not UNSET:
            field_dict["password_protected"] = password_protected
        if permissions is not UNSET:
            field_dict["permissions"] = permissions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        _expires_at = d.pop("expires_at", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        password_protected = d.pop("password_protected", UNSET)

        _permissions = d.pop("permissions", UNSET)
        permissions: ShareRequestPermissions | Unset
        if isinstance(_permissions, Unset):
            permissions = UNSET
        else:
            permissions = ShareRequestPermissions(_permissions)

        share_request = cls(
            email=email,
            expires_at=expires_at,
            password_protected=password_protected,
            permissions=permissions,
        )

        return share_request
