from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserInfo")


@_attrs_define
class UserInfo:
    """
    Example:
        {'email': 'jane@example.com', 'name': 'jane', 'preferred_username': 'jane', 'sub': 'usr_2Jx8KfA9cLq2TnV7'}

    Attributes:
        sub (str):
        email (str | Unset):
        email_verified (bool | Unset):
        name (str | Unset):
        preferred_username (str | Unset):
    """

    sub: str
    email: str | Unset = UNSET
    email_verified: bool | Unset = UNSET
    name: str | Unset = UNSET
    preferred_username: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sub = self.sub

        email = self.email

        email_verified = self.email_verified

        name = self.name

        preferred_username = self.preferred_username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sub": sub,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if email_verified is not UNSET:
            field_dict["email_verified"] = email_verified
        if name is not UNSET:
            field_dict["name"] = name
        if preferred_username is not UNSET:
            field_dict["preferred_username"] = preferred_username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sub = d.pop("sub")

        email = d.pop("email", UNSET)

        email_verified = d.pop("email_verified", UNSET)

        name = d.pop("name", UNSET)

        preferred_username = d.pop("preferred_username", UNSET)

        user_info = cls(
            sub=sub,
            email=email,
            email_verified=email_verified,
            name=name,
            preferred_username=preferred_username,
        )

        user_info.additional_properties = d
        return user_info

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
