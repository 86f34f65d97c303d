from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserEventData")


@_attrs_define
class UserEventData:
    """
    Example:
        {'created_at': '2024-01-15T10:30:00Z', 'email': 'newuser@example.com', 'user_id': 'usr_123456', 'username':
            'newuser'}

    Attributes:
        user_id (str):  Example: usr_123456.
        created_at (datetime.datetime | Unset): `user.created` and `user.updated` (seed 004). Example:
            2024-01-15T10:30:00Z.
        email (str | Unset): `user.created` and `user.updated` (seed 004). Example: newuser@example.com.
        method (str | Unset): `user.mfa_failed`: the factor tried. Example: totp.
        reason (str | Unset): `user.login_failed`: why. Example: invalid_password.
        session_id (str | Unset): `user.authenticated`: the login session. Example: ses_4Tq8LmZx2KfWb9Yc.
        username (str | Unset):  Example: newuser.
    """

    user_id: str
    created_at: datetime.datetime | Unset = UNSET
    email: str | Unset = UNSET
    method: str | Unset = UNSET
    reason: str | Unset = UNSET
    session_id: str | Unset = UNSET
    username: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        email = self.email

        method = self.method

        reason = self.reason

        session_id = self.session_id

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if email is not UNSET:
            field_dict["email"] = email
        if method is not UNSET:
            field_dict["method"] = method
        if reason is not UNSET:
            field_dict["reason"] = reason
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("user_id")

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        email = d.pop("email", UNSET)

        method = d.pop("method", UNSET)

        reason = d.pop("reason", UNSET)

        session_id = d.pop("session_id", UNSET)

        username = d.pop("username", UNSET)

        user_event_data = cls(
            user_id=user_id,
            created_at=created_at,
            email=email,
            method=method,
            reason=reason,
            session_id=session_id,
            username=username,
        )

        user_event_data.additional_properties = d
        return user_event_data

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
