from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.user_create import UserCreate


T = TypeVar("T", bound="UserBatch")


@_attrs_define
class UserBatch:
    """
    Example:
        {'users': [{'email': 'ann@example.com', 'password': 'AnotherPassword123!', 'username': 'ann.lee'}]}

    Attributes:
        users (list[UserCreate]):
    """

    users: list[UserCreate]

    def to_dict(self) -> dict[str, Any]:
        users = []
        for users_item_data in self.users:
            users_item = users_item_data.to_dict()
            users.append(users_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "users": users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_create import UserCreate  # noqa: PLC0415

        d = dict(src_dict)
        users = []
        _users = d.pop("users")
        for users_item_data in _users:
            users_item = UserCreate.from_dict(users_item_data)

            users.append(users_item)

        user_batch = cls(
            users=users,
        )

        return user_batch
