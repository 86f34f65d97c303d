from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.v2_error_details import V2ErrorDetails


T = TypeVar("T", bound="V2ErrorError")


@_attrs_define
class V2ErrorError:
    """
    Attributes:
        code (str): The error code of this surface: one of `x-extensible-enum`. More codes may be added
            without a new API version (seed 002), so treat an unknown code like any other error
            of its HTTP status.
             Example: INVALID_REQUEST.
        message (str):  Example: The request was invalid.
        details (V2ErrorDetails | Unset): The first offending field and why; `errors` lists every one. Empty when no
            field is at fault.
            A batch item's error carries the same object.
    """

    code: str
    message: str
    details: V2ErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.v2_error_details import V2ErrorDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        _details = d.pop("details", UNSET)
        details: V2ErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = V2ErrorDetails.from_dict(_details)

        v2_error_error = cls(
            code=code,
            message=message,
            details=details,
        )

        v2_error_error.additional_properties = d
        return v2_error_error

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
