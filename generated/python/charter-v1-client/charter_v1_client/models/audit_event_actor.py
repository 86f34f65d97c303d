from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_event_actor_type import AuditEventActorType

T = TypeVar("T", bound="AuditEventActor")


@_attrs_define
class AuditEventActor:
    """
    Attributes:
        id (None | str):
        type_ (AuditEventActorType): `oauth`: an OAuth access token; `id` is then its client's id. `share`: the
            recipient of a file's share link (a new version uploaded through it); `id` is the
            share's id.
    """

    id: None | str
    type_: AuditEventActorType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str
        id = self.id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        type_ = AuditEventActorType(d.pop("type"))

        audit_event_actor = cls(
            id=id,
            type_=type_,
        )

        audit_event_actor.additional_properties = d
        return audit_event_actor

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
