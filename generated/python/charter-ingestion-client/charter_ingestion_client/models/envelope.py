from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Envelope")


@_attrs_define
class Envelope:
    """
    Attributes:
        message (str):
        request_id (str):  Example: req_8c1f0b7d2a9e4f6b.
        success (bool):  Example: True.
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
    """

    message: str
    request_id: str
    success: bool
    timestamp: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        request_id = self.request_id

        success = self.success

        timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "request_id": request_id,
                "success": success,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        request_id = d.pop("request_id")

        success = d.pop("success")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        envelope = cls(
            message=message,
            request_id=request_id,
            success=success,
            timestamp=timestamp,
        )

        envelope.additional_properties = d
        return envelope

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
