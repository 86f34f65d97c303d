from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.plan_name import PlanName

T = TypeVar("T", bound="OrganizationReplace")


@_attrs_define
class OrganizationReplace:
    """
    Example:
        {'name': 'Acme Corporation', 'plan': 'pro'}

    Attributes:
        name (str): Display name; must contain a non-space character. Example: Acme Corp.
        plan (PlanName): Only a platform superuser may set or change the plan. The limits of each plan are in the
            `plan` property of `Organization` (docs/RATE_LIMITS.md).
             Example: free.
    """

    name: str
    plan: PlanName

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        plan = self.plan.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "plan": plan,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        plan = PlanName(d.pop("plan"))

        organization_replace = cls(
            name=name,
            plan=plan,
        )

        return organization_replace
