from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role
from ..models.user_status import UserStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="UserReplace")


@_attrs_define
class UserReplace:
    """
    Example:
        {'email': 'john.doe@example.com', 'phone': '+1234567890', 'roles': ['user'], 'status': 'active', 'username':
            'john.doe'}

    Attributes:
        email (str): An email address, the one rule of every surface (users, one-time codes, file shares): ASCII,
            6-254 characters, `local@domain` where the local part is RFC 5322's dot-atom (runs of
            letters, digits and ``!#$%&'*+/=?^_`{|}~-`` joined by single dots, none first or last) and the
            domain is at least two dot-separated labels of letters, digits and `-`. Spaces, angle
            brackets, quotes, `@` twice and line breaks are refused. This pattern is the rule (no
            `format: email`, whose meaning differs between validators).
             Example: john@example.com.
        roles (list[Role]):
        status (UserStatus):  Example: active.
        username (str): 3-50 letters, digits, '.', '_' or '-'; unique across the platform. Example: john.doe.
        phone (None | str | Unset):
    """

    email: str
    roles: list[Role]
    status: UserStatus
    username: str
    phone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        status = self.status.value

        username = self.username

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "roles": roles,
                "status": status,
                "username": username,
            }
        )
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = Role(roles_item_data)

            roles.append(roles_item)

        status = UserStatus(d.pop("status"))

        username = d.pop("username")

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        user_replace = cls(
            email=email,
            roles=roles,
            status=status,
            username=username,
            phone=phone,
        )

        return user_replace
