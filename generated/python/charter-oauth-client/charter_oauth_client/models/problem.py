from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_item import ErrorItem


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """RFC 9457 problem details, returned when the client sends `Accept application/problem+json`.

    Example:
        {'code': 'not_found', 'detail': 'Resource not found', 'request_id': 'req_8c1f0b7d2a9e4f6b', 'status': 404,
            'title': 'Not Found', 'type': 'about:blank'}

    Attributes:
        status (int):  Example: 404.
        title (str):  Example: Not Found.
        type_ (str):  Example: about:blank.
        code (str | Unset): The error code of this surface: one of `x-extensible-enum`. More codes may be added
            without a new API version (seed 002), so treat an unknown code like any other error
            of its HTTP status.
             Example: not_found.
        detail (str | Unset):  Example: Resource not found.
        errors (list[ErrorItem] | Unset):
        instance (str | Unset):  Example: /oauth/no-such-thing.
        request_id (str | Unset):  Example: req_8c1f0b7d2a9e4f6b.
        retry_after (int | Unset): Only on 429: seconds to wait before retrying, the same number as the `Retry-After`
            header,
            beside the surface's envelope as seed 004 shows it. It is the wait of the window that refused
            the request (a one-second burst, a moving minute, or until the next UTC hour or day for the
            fixed hour and day windows; docs/RATE_LIMITS.md).
             Example: 30.
    """

    status: int
    title: str
    type_: str
    code: str | Unset = UNSET
    detail: str | Unset = UNSET
    errors: list[ErrorItem] | Unset = UNSET
    instance: str | Unset = UNSET
    request_id: str | Unset = UNSET
    retry_after: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        title = self.title

        type_ = self.type_

        code = self.code

        detail = self.detail

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        instance = self.instance

        request_id = self.request_id

        retry_after = self.retry_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if detail is not UNSET:
            field_dict["detail"] = detail
        if errors is not UNSET:
            field_dict["errors"] = errors
        if instance is not UNSET:
            field_dict["instance"] = instance
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if retry_after is not UNSET:
            field_dict["retry_after"] = retry_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_item import ErrorItem  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        code = d.pop("code", UNSET)

        detail = d.pop("detail", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[ErrorItem] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ErrorItem.from_dict(errors_item_data)

                errors.append(errors_item)

        instance = d.pop("instance", UNSET)

        request_id = d.pop("request_id", UNSET)

        retry_after = d.pop("retry_after", UNSET)

        problem = cls(
            status=status,
            title=title,
            type_=type_,
            code=code,
            detail=detail,
            errors=errors,
            instance=instance,
            request_id=request_id,
            retry_after=retry_after,
        )

        problem.additional_properties = d
        return problem

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
