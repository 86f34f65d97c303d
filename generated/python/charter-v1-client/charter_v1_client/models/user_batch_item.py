from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_item_error import BatchItemError
    from ..models.user import User


T = TypeVar("T", bound="UserBatchItem")


@_attrs_define
class UserBatchItem:
    """
    Attributes:
        index (int):
        status (int): 201 when created, otherwise the status the error would have had alone.
        data (User | Unset):  Example: {'created_at': '2026-01-15T10:30:00Z', 'email': 'john@example.com', 'id':
            'usr_8fK2mQ9xLp3RtW7v', 'last_login_at': None, 'locked': False, 'locked_until': None, 'mfa_enabled': False,
            'phone': None, 'roles': ['user', 'editor'], 'status': 'active', 'updated_at': '2026-01-15T10:30:00Z',
            'username': 'john.doe'}.
        error (BatchItemError | Unset):
    """

    index: int
    status: int
    data: User | Unset = UNSET
    error: BatchItemError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        status = self.status

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "status": status,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_item_error import BatchItemError  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        index = d.pop("index")

        status = d.pop("status")

        _data = d.pop("data", UNSET)
        data: User | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = User.from_dict(_data)

        _error = d.pop("error", UNSET)
        error: BatchItemError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = BatchItemError.from_dict(_error)

        user_batch_item = cls(
            index=index,
            status=status,
            data=data,
            error=error,
        )

        user_batch_item.additional_properties = d
        return user_batch_item

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
