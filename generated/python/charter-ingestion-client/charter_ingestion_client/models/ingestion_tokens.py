from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ingestion_tokens_data import IngestionTokensData


T = TypeVar("T", bound="IngestionTokens")


@_attrs_define
class IngestionTokens:
    """
    Example:
        {'data': {'access_token': 'eyJhbGciOiJIUzI1NiIs...', 'expires_in': 900, 'refresh_token':
            'rt_dGhpcyBpcyBhIHJlZnJl', 'token_type': 'Bearer'}, 'message': 'Login successful', 'request_id':
            'req_123456789', 'success': True, 'timestamp': '2024-01-01T00:00:00Z'}

    Attributes:
        data (IngestionTokensData):
        message (str):
        request_id (str):
        success (bool):
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
    """

    data: IngestionTokensData
    message: str
    request_id: str
    success: bool
    timestamp: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        message = self.message

        request_id = self.request_id

        success = self.success

        timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "message": message,
                "request_id": request_id,
                "success": success,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ingestion_tokens_data import IngestionTokensData  # noqa: PLC0415

        d = dict(src_dict)
        data = IngestionTokensData.from_dict(d.pop("data"))

        message = d.pop("message")

        request_id = d.pop("request_id")

        success = d.pop("success")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        ingestion_tokens = cls(
            data=data,
            message=message,
            request_id=request_id,
            success=success,
            timestamp=timestamp,
        )

        ingestion_tokens.additional_properties = d
        return ingestion_tokens

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
