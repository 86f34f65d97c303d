from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.readiness_status import ReadinessStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.readiness_checks import ReadinessChecks


T = TypeVar("T", bound="Readiness")


@_attrs_define
class Readiness:
    """
    Example:
        {'checks': {'database': {'latency_ms': 0.4, 'status': 'ok'}, 'redis': {'status': 'not_configured'}}, 'degraded':
            [], 'failing': [], 'status': 'ready'}

    Attributes:
        checks (ReadinessChecks):
        status (ReadinessStatus):
        degraded (list[str] | Unset): Optional dependencies that failed (the answer stays 200).
        failing (list[str] | Unset): Required dependencies that failed (the answer is then 503).
    """

    checks: ReadinessChecks
    status: ReadinessStatus
    degraded: list[str] | Unset = UNSET
    failing: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checks = self.checks.to_dict()

        status = self.status.value

        degraded: list[str] | Unset = UNSET
        if not isinstance(self.degraded, Unset):
            degraded = self.degraded

        failing: list[str] | Unset = UNSET
        if not isinstance(self.failing, Unset):
            failing = self.failing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checks": checks,
                "status": status,
            }
        )
        if degraded is not UNSET:
            field_dict["degraded"] = degraded
        if failing is not UNSET:
            field_dict["failing"] = failing

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.readiness_checks import ReadinessChecks  # noqa: PLC0415

        d = dict(src_dict)
        checks = ReadinessChecks.from_dict(d.pop("checks"))

        status = ReadinessStatus(d.pop("status"))

        degraded = cast(list[str], d.pop("degraded", UNSET))

        failing = cast(list[str], d.pop("failing", UNSET))

        readiness = cls(
            checks=checks,
            status=status,
            degraded=degraded,
            failing=failing,
        )

        readiness.additional_properties = d
        return readiness

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
