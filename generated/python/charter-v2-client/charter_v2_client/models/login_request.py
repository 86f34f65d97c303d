from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LoginRequest")


@_attrs_define
class LoginRequest:
    """
    Example:
        {'device_id': 'mobile-ios-abc123', 'password': 'SecurePassword123!', 'remember_me': True, 'username':
            'john.doe'}

    Attributes:
        password (str): Password (at least 12 characters).
        username (str): Login username (3-50 characters).
        device_id (str | Unset): Device identifier, recorded with the session.
        mfa_code (str | Unset): TOTP code or recovery code; required when the user has MFA enabled.
        remember_me (bool | Unset): Extends the refresh token's lifetime to 30 days. Default: False.
    """

    password: str
    username: str
    device_id: str | Unset = UNSET
    mfa_code: str | Unset = UNSET
    remember_me: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        username = self.username

        device_id = self.device_id

        mfa_code = self.mfa_code

        remember_me = self.remember_me

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password": password,
                "username": username,
            }
        )
        if device_id is not UNSET:
            field_dict["device_id"] = device_id
        if mfa_code is not UNSET:
            field_dict["mfa_code"] = mfa_code
        if remember_me is not UNSET:
            field_dict["remember_me"] = remember_me

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        password = d.pop("password")

        username = d.pop("username")

        device_id = d.pop("device_id", UNSET)

        mfa_code = d.pop("mfa_code", UNSET)

        remember_me = d.pop("remember_me", UNSET)

        login_request = cls(
            password=password,
            username=username,
            device_id=device_id,
            mfa_code=mfa_code,
            remember_me=remember_me,
        )

        return login_request
