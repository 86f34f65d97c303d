from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.health_envelope_data import HealthEnvelopeData


T = TypeVar("T", bound="HealthEnvelope")


@_attrs_define
class HealthEnvelope:
    """
    Example:
        {'data': {'status': 'healthy', 'timestamp': '2026-01-01T00:00:00Z', 'uptime': 3600, 'version': '1.0.0'},
            'message': 'Service is healthy', 'request_id': 'req_123456789', 'success': True, 'timestamp':
            '2026-01-01T00:00:00Z'}

    Attributes:
        data (HealthEnvelopeData):
        request_id (str):
        success (bool):
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        message (str | Unset):
    """

    data: HealthEnvelopeData
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
        from ..models.health_envelope_data import HealthEnvelopeData  # noqa: PLC0415

        d = dict(src_dict)
        data = HealthEnvelopeData.from_dict(d.pop("data"))

        request_id = d.pop("request_id")

        success = d.pop("success")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        message = d.pop("message", UNSET)

        health_envelope = cls(
            data=data,
            request_id=request_id,
            success=success,
            timestamp=timestamp,
            message=message,
        )

        health_envelope.additional_properties = d
        return health_envelope

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
