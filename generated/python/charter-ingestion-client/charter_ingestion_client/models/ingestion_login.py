from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="IngestionLogin")


@_attrs_define
class IngestionLogin:
    """
    Example:
        {'password': 'password', 'username': 'user'}

    Attributes:
        password (str):
        username (str):
        mfa_code (str | Unset): TOTP or recovery code, required when the account has MFA enabled.
    """

    password: str
    username: str
    mfa_code: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        password = self.password

        username = self.username

        mfa_code = self.mfa_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "password": password,
                "username": username,
            }
        )
        if mfa_code is not UNSET:
            field_dict["mfa_code"] = mfa_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        password = d.pop("password")

        username = d.pop("username")

        mfa_code = d.pop("mfa_code", UNSET)

        ingestion_login = cls(
            password=password,
            username=username,
            mfa_code=mfa_code,
        )

        return ingestion_login
