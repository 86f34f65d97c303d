from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.v2_error_error import V2ErrorError


T = TypeVar("T", bound="V2Error")


@_attrs_define
class V2Error:
    """Error envelope of the Enterprise API 2.3 (seeds 000 and 001).

    Example:
        {'error': {'code': 'INVALID_REQUEST', 'details': {'field': 'body.username', 'reason': "'ab' is too short"},
            'message': 'The request was invalid'}, 'request_id': 'req_8c1f0b7d2a9e4f6b'}

    Attributes:
        error (V2ErrorError):
        request_id (str | Unset):  Example: req_8c1f0b7d2a9e4f6b.
        retry_after (int | Unset): Only on 429: seconds to wait before retrying, the same number as the `Retry-After`
            header,
            beside the surface's envelope as seed 004 shows it. It is the wait of the window that refused
            the request (a one-second burst, a moving minute, or until the next UTC hour or day for the
            fixed hour and day windows; docs/RATE_LIMITS.md).
             Example: 30.
    """

    error: V2ErrorError
    request_id: str | Unset = UNSET
    retry_after: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        request_id = self.request_id

        retry_after = self.retry_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if retry_after is not UNSET:
            field_dict["retry_after"] = retry_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.v2_error_error import V2ErrorError  # noqa: PLC0415

        d = dict(src_dict)
        error = V2ErrorError.from_dict(d.pop("error"))

        request_id = d.pop("request_id", UNSET)

        retry_after = d.pop("retry_after", UNSET)

        v2_error = cls(
            error=error,
            request_id=request_id,
            retry_after=retry_after,
        )

        v2_error.additional_properties = d
        return v2_error

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
