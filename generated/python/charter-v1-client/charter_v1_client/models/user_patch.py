from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role
from ..models.user_status import UserStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="UserPatch")


@_attrs_define
class UserPatch:
    """
    Example:
        {'status': 'disabled'}

    Attributes:
        email (str | Unset): An email address, the one rule of every surface (users, one-time codes, file shares):
            ASCII,
            6-254 characters, `local@domain` where the local part is RFC 5322's dot-atom (runs of
            letters, digits and ``!#$%&'*+/=?^_`{|}~-`` joined by single dots, none first or last) and the
            domain is at least two dot-separated labels of letters, digits and `-`. Spaces, angle
            brackets, quotes, `@` twice and line breaks are refused. This pattern is the rule (no
            `format: email`, whose meaning differs between validators).
             Example: john@example.com.
        password (str | Unset):  Example: SecurePassword123!.
        phone (None | str | Unset):
        roles (list[Role] | Unset):
        status (UserStatus | Unset):  Example: active.
        username (str | Unset): 3-50 letters, digits, '.', '_' or '-'; unique across the platform. Example: john.doe.
    """

    email: str | Unset = UNSET
    password: str | Unset = UNSET
    phone: None | str | Unset = UNSET
    roles: list[Role] | Unset = UNSET
    status: UserStatus | Unset = UNSET
    username: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.value
                roles.append(roles_item)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        username = self.username

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if password is not UNSET:
            field_dict["password"] = password
        if phone is not UNSET:
            field_dict["phone"] = phone
        if roles is not UNSET:
            field_dict["roles"] = roles
        if status is not UNSET:
            field_dict["status"] = status
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email", UNSET)

        password = d.pop("password", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        _roles = d.pop("roles", UNSET)
        roles: list[Role] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = Role(roles_item_data)

                roles.append(roles_item)

        _status = d.pop("status", UNSET)
        status: UserStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = UserStatus(_status)

        username = d.pop("username", UNSET)

        user_patch = cls(
            email=email,
            password=password,
            phone=phone,
            roles=roles,
            status=status,
            username=username,
        )

        return user_patch
