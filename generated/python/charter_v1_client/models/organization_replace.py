from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.plan_name import PlanName






T = TypeVar("T", bound="OrganizationReplace")



@_attrs_define
class OrganizationReplace:
    """ 
        Example:
            {'name': 'Acme Corporation', 'plan': 'pro'}

        Attributes:
            name (str): Display name; must contain a non-space character. Example: Acme Corp.
            plan (PlanName): Only a platform superuser may set or change the plan. Example: free.
     """

    name: str
    plan: PlanName





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        plan = self.plan.value


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "name": name,
            "plan": plan,
        })

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

