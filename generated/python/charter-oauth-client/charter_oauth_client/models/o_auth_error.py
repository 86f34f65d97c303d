from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthError")


@_attrs_define
class OAuthError:
    """RFC 6749 section 5.2 error.

    Example:
        {'error': 'invalid_request', 'error_description': 'The request is missing a required parameter'}

    Attributes:
        error (str): The RFC 6749 error code: one of `x-extensible-enum` (the RFC 6749 codes this server uses,
            plus `not_found` for a 404). More codes may be added without a new API version,
            so treat an unknown code like any other error of its HTTP status.
             Example: invalid_request.
        error_description (str | Unset):  Example: The request is missing a required parameter.
        retry_after (int | Unset): Only on 429: seconds to wait before retrying, the same number as the `Retry-After`
            header,
            beside the surface's envelope as seed 004 shows it. It is the wait of the window that refused
            the request (a one-second burst, a moving minute, or until the next UTC hour or day for the
            fixed hour and day windows; docs/RATE_LIMITS.md).
             Example: 30.
    """

    error: str
    error_description: str | Unset = UNSET
    retry_after: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        error_description = self.error_description

        retry_after = self.retry_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if error_description is not UNSET:
            field_dict["error_description"] = error_description
        if retry_after is not UNSET:
            field_dict["retry_after"] = retry_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error")

        error_description = d.pop("error_description", UNSET)

        retry_after = d.pop("retry_after", UNSET)

        o_auth_error = cls(
            error=error,
            error_description=error_description,
            retry_after=retry_after,
        )

        o_auth_error.additional_properties = d
        return o_auth_error

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
