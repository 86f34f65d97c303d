from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.plan_name import PlanName
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganizationPatch")


@_attrs_define
class OrganizationPatch:
    """
    Example:
        {'name': 'Acme Corporation'}

    Attributes:
        name (str | Unset): Display name; must contain a non-space character. Example: Acme Corp.
        plan (PlanName | Unset): Only a platform superuser may set or change the plan. The limits of each plan are in
            the
            `plan` property of `Organization` (docs/RATE_LIMITS.md).
             Example: free.
    """

    name: str | Unset = UNSET
    plan: PlanName | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        plan: str | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if plan is not UNSET:
            field_dict["plan"] = plan

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _plan = d.pop("plan", UNSET)
        plan: PlanName | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = PlanName(_plan)

        organization_patch = cls(
            name=name,
            plan=plan,
        )

        return organization_patch
