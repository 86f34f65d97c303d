from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Organization")


@_attrs_define
class Organization:
    """
    Example:
        {'created_at': '2026-01-15T10:30:00Z', 'id': 'org_3KfA9cLq2TnV7wXy', 'name': 'Acme Corp', 'plan': 'pro',
            'updated_at': '2026-01-15T10:30:00Z'}

    Attributes:
        created_at (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        id (str):  Example: org_3KfA9cLq2TnV7wXy.
        name (str):  Example: Acme Corp.
        plan (str): Rate-limit plan id (docs/RATE_LIMITS.md): seed 000's `free` (60/min, 10,000/day), `pro`
            (300/min, 100,000/day) and `enterprise` (1,000/min, no daily cap); seed 001's
            `cloudsync-basic` (60/min, 10,000/day), `cloudsync-professional` (300/min,
            100,000/day) and `cloudsync-enterprise` (1,000/min, no daily cap); seed 002's
            `platform-standard` (100/min) and `platform-professional` (1,000/min); seed 004's
            `hourly-free` (100/hour, burst 10/s), `hourly-starter` (1,000/hour, burst 50/s),
            `hourly-pro` (10,000/hour, burst 200/s) and `hourly-enterprise` (no limits); or a
            custom plan set by an operator (seed 002's negotiated Enterprise tier). A burst is the
            requests allowed in any one second.
             Example: pro.
        updated_at (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
    """

    created_at: datetime.datetime
    id: str
    name: str
    plan: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        name = self.name

        plan = self.plan

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "name": name,
                "plan": plan,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        name = d.pop("name")

        plan = d.pop("plan")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        organization = cls(
            created_at=created_at,
            id=id,
            name=name,
            plan=plan,
            updated_at=updated_at,
        )

        organization.additional_properties = d
        return organization

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
