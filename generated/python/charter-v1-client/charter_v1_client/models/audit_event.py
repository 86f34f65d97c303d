from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event_actor import AuditEventActor
    from ..models.audit_event_details import AuditEventDetails
    from ..models.audit_event_resource import AuditEventResource


T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Example:
        {'action': 'user.created', 'actor': {'id': 'key_xyz789', 'type': 'api_key'}, 'created_at':
            '2026-01-15T10:30:00Z', 'details': {'username': 'john.doe'}, 'id': 'aud_4Tz9QmXc2Lk7PwR1', 'ip': '203.0.113.7',
            'organization_id': 'org_3KfA9cLq2TnV7wXy', 'request_id': 'req_8c1f0b7d2a9e4f6b', 'resource': {'id':
            'usr_8fK2mQ9xLp3RtW7v', 'type': 'user'}}

    Attributes:
        action (str):
        actor (AuditEventActor):
        created_at (datetime.datetime):
        details (AuditEventDetails):
        id (str):
        ip (None | str):
        organization_id (None | str):
        request_id (None | str):
        resource (AuditEventResource):
    """

    action: str
    actor: AuditEventActor
    created_at: datetime.datetime
    details: AuditEventDetails
    id: str
    ip: None | str
    organization_id: None | str
    request_id: None | str
    resource: AuditEventResource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        actor = self.actor.to_dict()

        created_at = self.created_at.isoformat()

        details = self.details.to_dict()

        id = self.id

        ip: None | str
        ip = self.ip

        organization_id: None | str
        organization_id = self.organization_id

        request_id: None | str
        request_id = self.request_id

        resource = self.resource.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "created_at": created_at,
                "details": details,
                "id": id,
                "ip": ip,
                "organization_id": organization_id,
                "request_id": request_id,
                "resource": resource,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event_actor import AuditEventActor  # noqa: PLC0415
        from ..models.audit_event_details import AuditEventDetails  # noqa: PLC0415
        from ..models.audit_event_resource import AuditEventResource  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        actor = AuditEventActor.from_dict(d.pop("actor"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        details = AuditEventDetails.from_dict(d.pop("details"))

        id = d.pop("id")

        def _parse_ip(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip = _parse_ip(d.pop("ip"))

        def _parse_organization_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organization_id = _parse_organization_id(d.pop("organization_id"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        resource = AuditEventResource.from_dict(d.pop("resource"))

        audit_event = cls(
            action=action,
            actor=actor,
            created_at=created_at,
            details=details,
            id=id,
            ip=ip,
            organization_id=organization_id,
            request_id=request_id,
            resource=resource,
        )

        audit_event.additional_properties = d
        return audit_event

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
