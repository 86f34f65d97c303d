from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.v2_error_details import V2ErrorDetails


T = TypeVar("T", bound="RecordBatchItemErrorError")


@_attrs_define
class RecordBatchItemErrorError:
    """
    Attributes:
        code (str): The error code the item would have had alone (as `error.code` of `V2Error`). Example:
            INVALID_REQUEST.
        details (V2ErrorDetails): The first offending field and why; `errors` lists every one. Empty when no field is at
            fault.
            A batch item's error carries the same object.
        message (str):  Example: data must be an object.
    """

    code: str
    details: V2ErrorDetails
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        details = self.details.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "details": details,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.v2_error_details import V2ErrorDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        details = V2ErrorDetails.from_dict(d.pop("details"))

        message = d.pop("message")

        record_batch_item_error_error = cls(
            code=code,
            details=details,
            message=message,
        )

        record_batch_item_error_error.additional_properties = d
        return record_batch_item_error_error

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
