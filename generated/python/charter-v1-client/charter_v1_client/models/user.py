from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..models.user_status import UserStatus

T = TypeVar("T", bound="User")


@_attrs_define
class User:
    """
    Example:
        {'created_at': '2026-01-15T10:30:00Z', 'email': 'john@example.com', 'id': 'usr_8fK2mQ9xLp3RtW7v',
            'last_login_at': None, 'locked': False, 'locked_until': None, 'mfa_enabled': False, 'phone': None, 'roles':
            ['user', 'editor'], 'status': 'active', 'updated_at': '2026-01-15T10:30:00Z', 'username': 'john.doe'}

    Attributes:
        created_at (datetime.datetime):
        email (str):
        id (str):
        last_login_at (datetime.datetime | None):
        locked (bool): True while a lockout after failed logins lasts.
        locked_until (datetime.datetime | None):
        mfa_enabled (bool):
        phone (None | str):
        roles (list[Role]):
        status (UserStatus):  Example: active.
        updated_at (datetime.datetime):
        username (str):
    """

    created_at: datetime.datetime
    email: str
    id: str
    last_login_at: datetime.datetime | None
    locked: bool
    locked_until: datetime.datetime | None
    mfa_enabled: bool
    phone: None | str
    roles: list[Role]
    status: UserStatus
    updated_at: datetime.datetime
    username: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        id = self.id

        last_login_at: None | str
        if isinstance(self.last_login_at, datetime.datetime):
            last_login_at = self.last_login_at.isoformat()
        else:
            last_login_at = self.last_login_at

        locked = self.locked

        locked_until: None | str
        if isinstance(self.locked_until, datetime.datetime):
            locked_until = self.locked_until.isoformat()
        else:
            locked_until = self.locked_until

        mfa_enabled = self.mfa_enabled

        phone: None | str
        phone = self.phone

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "id": id,
                "last_login_at": last_login_at,
                "locked": locked,
                "locked_until": locked_until,
                "mfa_enabled": mfa_enabled,
                "phone": phone,
                "roles": roles,
                "status": status,
                "updated_at": updated_at,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        id = d.pop("id")

        def _parse_last_login_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_login_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_login_at = _parse_last_login_at(d.pop("last_login_at"))

        locked = d.pop("locked")

        def _parse_locked_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locked_until_type_0 = datetime.datetime.fromisoformat(data)

                return locked_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        locked_until = _parse_locked_until(d.pop("locked_until"))

        mfa_enabled = d.pop("mfa_enabled")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = Role(roles_item_data)

            roles.append(roles_item)

        status = UserStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        username = d.pop("username")

        user = cls(
            created_at=created_at,
            email=email,
            id=id,
            last_login_at=last_login_at,
            locked=locked,
            locked_until=locked_until,
            mfa_enabled=mfa_enabled,
            phone=phone,
            roles=roles,
            status=status,
            updated_at=updated_at,
            username=username,
        )

        user.additional_properties = d
        return user

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
