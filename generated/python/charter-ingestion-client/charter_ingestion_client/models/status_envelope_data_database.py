from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_envelope_data_database_dialect import StatusEnvelopeDataDatabaseDialect
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatusEnvelopeDataDatabase")


@_attrs_define
class StatusEnvelopeDataDatabase:
    """
    Attributes:
        connected (bool):
        dialect (StatusEnvelopeDataDatabaseDialect):
        active_connections (int | None | Unset):
        pool_size (int | None | Unset):
    """

    connected: bool
    dialect: StatusEnvelopeDataDatabaseDialect
    active_connections: int | None | Unset = UNSET
    pool_size: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        connected = self.connected

        dialect = self.dialect.value

        active_connections: int | None | Unset
        if isinstance(self.active_connections, Unset):
            active_connections = UNSET
        else:
            active_connections = self.active_connections

        pool_size: int | None | Unset
        if isinstance(self.pool_size, Unset):
            pool_size = UNSET
        else:
            pool_size = self.pool_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "connected": connected,
                "dialect": dialect,
            }
        )
        if active_connections is not UNSET:
            field_dict["active_connections"] = active_connections
        if pool_size is not UNSET:
            field_dict["pool_size"] = pool_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        connected = d.pop("connected")

        dialect = StatusEnvelopeDataDatabaseDialect(d.pop("dialect"))

        def _parse_active_connections(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_connections = _parse_active_connections(d.pop("active_connections", UNSET))

        def _parse_pool_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pool_size = _parse_pool_size(d.pop("pool_size", UNSET))

        status_envelope_data_database = cls(
            connected=connected,
            dialect=dialect,
            active_connections=active_connections,
            pool_size=pool_size,
        )

        status_envelope_data_database.additional_properties = d
        return status_envelope_data_database

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
