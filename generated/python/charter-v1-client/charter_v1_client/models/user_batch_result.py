from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user_batch_item import UserBatchItem


T = TypeVar("T", bound="UserBatchResult")


@_attrs_define
class UserBatchResult:
    """
    Example:
        {'created': 1, 'data': [{'data': {'created_at': '2026-01-15T10:30:00Z', 'email': 'john@example.com', 'id':
            'usr_8fK2mQ9xLp3RtW7v', 'last_login_at': '2026-01-15T10:30:00Z', 'locked': False, 'locked_until': None,
            'mfa_enabled': False, 'phone': None, 'roles': ['editor', 'user'], 'status': 'active', 'updated_at':
            '2026-01-15T10:30:00Z', 'username': 'john.doe'}, 'index': 0, 'status': 201}, {'error': {'code': 'CONFLICT',
            'details': [], 'message': "Username 'john.doe' is taken"}, 'index': 1, 'status': 409}], 'failed': 1}

    Attributes:
        created (int):
        data (list[UserBatchItem]):
        failed (int):
    """

    created: int
    data: list[UserBatchItem]
    failed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        failed = self.failed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "data": data,
                "failed": failed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_batch_item import UserBatchItem  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = UserBatchItem.from_dict(data_item_data)

            data.append(data_item)

        failed = d.pop("failed")

        user_batch_result = cls(
            created=created,
            data=data,
            failed=failed,
        )

        user_batch_result.additional_properties = d
        return user_batch_result

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
