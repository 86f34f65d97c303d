from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_envelope_data_status import HealthEnvelopeDataStatus

T = TypeVar("T", bound="HealthEnvelopeData")


@_attrs_define
class HealthEnvelopeData:
    """
    Attributes:
        status (HealthEnvelopeDataStatus):
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        uptime (int): Seconds since this process started.
        version (str):
    """

    status: HealthEnvelopeDataStatus
    timestamp: datetime.datetime
    uptime: int
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        timestamp = self.timestamp.isoformat()

        uptime = self.uptime

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "timestamp": timestamp,
                "uptime": uptime,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = HealthEnvelopeDataStatus(d.pop("status"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        uptime = d.pop("uptime")

        version = d.pop("version")

        health_envelope_data = cls(
            status=status,
            timestamp=timestamp,
            uptime=uptime,
            version=version,
        )

        health_envelope_data.additional_properties = d
        return health_envelope_data

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
