from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record_batch_item_error_error import RecordBatchItemErrorError


T = TypeVar("T", bound="RecordBatchItemError")


@_attrs_define
class RecordBatchItemError:
    """
    Attributes:
        error (RecordBatchItemErrorError):
        index (int): The item's position in `records`, from 0. Example: 1.
        status (int): The status the item would have had alone. Example: 400.
    """

    error: RecordBatchItemErrorError
    index: int
    status: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        index = self.index

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "index": index,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_batch_item_error_error import RecordBatchItemErrorError  # noqa: PLC0415

        d = dict(src_dict)
        error = RecordBatchItemErrorError.from_dict(d.pop("error"))

        index = d.pop("index")

        status = d.pop("status")

        record_batch_item_error = cls(
            error=error,
            index=index,
            status=status,
        )

        record_batch_item_error.additional_properties = d
        return record_batch_item_error

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
