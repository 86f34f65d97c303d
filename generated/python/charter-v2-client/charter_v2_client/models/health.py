from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_api_status import HealthApiStatus
from ..models.health_status import HealthStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """
    Example:
        {'api_status': 'stable', 'status': 'healthy', 'version': '1.0.0'}

    Attributes:
        status (HealthStatus):
        version (str): Version of this API surface.
        api_status (HealthApiStatus | Unset): Lifecycle status of this API surface (`stable`, `beta`, `deprecated`).
    """

    status: HealthStatus
    version: str
    api_status: HealthApiStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        version = self.version

        api_status: str | Unset = UNSET
        if not isinstance(self.api_status, Unset):
            api_status = self.api_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "version": version,
            }
        )
        if api_status is not UNSET:
            field_dict["api_status"] = api_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = HealthStatus(d.pop("status"))

        version = d.pop("version")

        _api_status = d.pop("api_status", UNSET)
        api_status: HealthApiStatus | Unset
        if isinstance(_api_status, Unset):
            api_status = UNSET
        else:
            api_status = HealthApiStatus(_api_status)

        health = cls(
            status=status,
            version=version,
            api_status=api_status,
        )

        health.additional_properties = d
        return health

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
