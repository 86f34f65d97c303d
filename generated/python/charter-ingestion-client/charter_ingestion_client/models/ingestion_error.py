from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ingestion_error_error import IngestionErrorError


T = TypeVar("T", bound="IngestionError")


@_attrs_define
class IngestionError:
    """Error envelope of the Ingestion API (seed 003).

    Example:
        {'error': {'code': 'NOT_FOUND', 'details': {}, 'message': 'Resource not found'}, 'request_id':
            'req_8c1f0b7d2a9e4f6b', 'success': False, 'timestamp': '2026-01-01T00:00:00Z'}

    Attributes:
        error (IngestionErrorError):
        request_id (str):
        success (bool):
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        retry_after (int | Unset): Only on 429: seconds to wait before retrying, the same number as the `Retry-After`
            header,
            beside the surface's envelope as seed 004 shows it. It is the wait of the window that refused
            the request (a one-second burst, a moving minute, or until the next UTC hour or day for the
            fixed hour and day windows; docs/RATE_LIMITS.md).
             Example: 30.
    """

    error: IngestionErrorError
    request_id: str
    success: bool
    timestamp: datetime.datetime
    retry_after: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error.to_dict()

        request_id = self.request_id

        success = self.success

        timestamp = self.timestamp.isoformat()

        retry_after = self.retry_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "request_id": request_id,
                "success": success,
                "timestamp": timestamp,
            }
        )
        if retry_after is not UNSET:
            field_dict["retry_after"] = retry_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ingestion_error_error import IngestionErrorError  # noqa: PLC0415

        d = dict(src_dict)
        error = IngestionErrorError.from_dict(d.pop("error"))

        request_id = d.pop("request_id")

        success = d.pop("success")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        retry_after = d.pop("retry_after", UNSET)

        ingestion_error = cls(
            error=error,
            request_id=request_id,
            success=success,
            timestamp=timestamp,
            retry_after=retry_after,
        )

        ingestion_error.additional_properties = d
        return ingestion_error

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
