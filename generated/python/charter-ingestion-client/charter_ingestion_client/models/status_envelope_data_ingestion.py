from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatusEnvelopeDataIngestion")


@_attrs_define
class StatusEnvelopeDataIngestion:
    """
    Attributes:
        cycles_completed (int):
        errors_count (int):
        is_running (bool):
        last_cycle (datetime.datetime | None):
    """

    cycles_completed: int
    errors_count: int
    is_running: bool
    last_cycle: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cycles_completed = self.cycles_completed

        errors_count = self.errors_count

        is_running = self.is_running

        last_cycle: None | str
        if isinstance(self.last_cycle, datetime.datetime):
            last_cycle = self.last_cycle.isoformat()
        else:
            last_cycle = self.last_cycle

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cycles_completed": cycles_completed,
                "errors_count": errors_count,
                "is_running": is_running,
                "last_cycle": last_cycle,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cycles_completed = d.pop("cycles_completed")

        errors_count = d.pop("errors_count")

        is_running = d.pop("is_running")

        def _parse_last_cycle(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_cycle_type_0 = datetime.datetime.fromisoformat(data)

                return last_cycle_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_cycle = _parse_last_cycle(d.pop("last_cycle"))

        status_envelope_data_ingestion = cls(
            cycles_completed=cycles_completed,
            errors_count=errors_count,
            is_running=is_running,
            last_cycle=last_cycle,
        )

        status_envelope_data_ingestion.additional_properties = d
        return status_envelope_data_ingestion

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
