from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.status_envelope_data import StatusEnvelopeData


T = TypeVar("T", bound="StatusEnvelope")


@_attrs_define
class StatusEnvelope:
    """
    Example:
        {'data': {'database': {'active_connections': 3, 'connected': True, 'dialect': 'postgresql', 'pool_size': 10},
            'ingestion': {'cycles_completed': 0, 'errors_count': 0, 'is_running': False, 'last_cycle': None}, 'redis':
            {'configured': True, 'connected': True}, 'storage': {'available_space': '1.5GB', 'type': 'local'}}, 'message':
            'Status retrieved', 'request_id': 'req_123456789', 'success': True, 'timestamp': '2026-01-01T00:00:00Z'}

    Attributes:
        data (StatusEnvelopeData):
        request_id (str):
        success (bool):
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        message (str | Unset):
    """

    data: StatusEnvelopeData
    request_id: str
    success: bool
    timestamp: datetime.datetime
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        request_id = self.request_id

        success = self.success

        timestamp = self.timestamp.isoformat()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "request_id": request_id,
                "success": success,
                "timestamp": timestamp,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_envelope_data import StatusEnvelopeData  # noqa: PLC0415

        d = dict(src_dict)
        data = StatusEnvelopeData.from_dict(d.pop("data"))

        request_id = d.pop("request_id")

        success = d.pop("success")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        message = d.pop("message", UNSET)

        status_envelope = cls(
            data=data,
            request_id=request_id,
            success=success,
            timestamp=timestamp,
            message=message,
        )

        status_envelope.additional_properties = d
        return status_envelope

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
