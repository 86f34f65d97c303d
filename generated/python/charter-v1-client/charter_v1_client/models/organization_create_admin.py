from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OrganizationCreateAdmin")


@_attrs_define
class OrganizationCreateAdmin:
    """The organization's first admin (role `admin`), created with it.

    Attributes:
        email (str): An email address, the one rule of every surface (users, one-time codes, file shares): ASCII,
            6-254 characters, `local@domain` where the local part is RFC 5322's dot-atom (runs of
            letters, digits and ``!#$%&'*+/=?^_`{|}~-`` joined by single dots, none first or last) and the
            domain is at least two dot-separated labels of letters, digits and `-`. Spaces, angle
            brackets, quotes, `@` twice and line breaks are refused. This pattern is the rule (no
            `format: email`, whose meaning differs between validators).
             Example: john@example.com.
        password (str):  Example: SecurePassword123!.
        username (str): 3-50 letters, digits, '.', '_' or '-'; unique across the platform. Example: john.doe.
    """

    email: str
    password: str
    username: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "password": password,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        username = d.pop("username")

        organization_create_admin = cls(
            email=email,
            password=password,
            username=username,
        )

        return organization_create_admin
