from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordBatchDeleteResult")


@_attrs_define
class RecordBatchDeleteResult:
    """
    Example:
        {'deleted': 2, 'deleted_ids': ['rec_abc123', 'rec_def456'], 'not_found': ['rec_ghi789']}

    Attributes:
        deleted (int): Records deleted (the length of `deleted_ids`).
        deleted_ids (list[str]): The ids deleted, in request order.
        not_found (list[str]): The ids not found (unknown, already deleted, expired, or not the caller's).
    """

    deleted: int
    deleted_ids: list[str]
    not_found: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deleted = self.deleted

        deleted_ids = self.deleted_ids

        not_found = self.not_found

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deleted": deleted,
                "deleted_ids": deleted_ids,
                "not_found": not_found,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        deleted = d.pop("deleted")

        deleted_ids = cast(list[str], d.pop("deleted_ids"))

        not_found = cast(list[str], d.pop("not_found"))

        record_batch_delete_result = cls(
            deleted=deleted,
            deleted_ids=deleted_ids,
            not_found=not_found,
        )

        record_batch_delete_result.additional_properties = d
        return record_batch_delete_result

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
