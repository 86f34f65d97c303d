from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.plan_name import PlanName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organization_create_admin import OrganizationCreateAdmin


T = TypeVar("T", bound="OrganizationCreate")


@_attrs_define
class OrganizationCreate:
    """
    Example:
        {'name': 'Acme Corp', 'plan': 'pro'}

    Attributes:
        name (str): Display name; must contain a non-space character. Example: Acme Corp.
        admin (OrganizationCreateAdmin | Unset): The organization's first admin (role `admin`), created with it.
        plan (PlanName | Unset): Only a platform superuser may set or change the plan. The limits of each plan are in
            the
            `plan` property of `Organization` (docs/RATE_LIMITS.md).
             Example: free.
    """

    name: str
    admin: OrganizationCreateAdmin | Unset = UNSET
    plan: PlanName | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        admin: dict[str, Any] | Unset = UNSET
        if not isinstance(self.admin, Unset):
            admin = self.admin.to_dict()

        plan: str | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if admin is not UNSET:
            field_dict["admin"] = admin
        if plan is not UNSET:
            field_dict["plan"] = plan

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_create_admin import OrganizationCreateAdmin  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _admin = d.pop("admin", UNSET)
        admin: OrganizationCreateAdmin | Unset
        if isinstance(_admin, Unset):
            admin = UNSET
        else:
            admin = OrganizationCreateAdmin.from_dict(_admin)

        _plan = d.pop("plan", UNSET)
        plan: PlanName | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = PlanName(_plan)

        organization_create = cls(
            name=name,
            admin=admin,
            plan=plan,
        )

        return organization_create
