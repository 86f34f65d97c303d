from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event import AuditEvent


T = TypeVar("T", bound="AuditEventEnvelope")


@_attrs_define
class AuditEventEnvelope:
    """
    Example:
        {'data': {'action': 'user.created', 'actor': {'id': 'key_xyz789', 'type': 'api_key'}, 'created_at':
            '2026-01-15T10:30:00Z', 'details': {'username': 'john.doe'}, 'id': 'aud_4Tz9QmXc2Lk7PwR1', 'ip': '203.0.113.7',
            'organization_id': 'org_3KfA9cLq2TnV7wXy', 'request_id': 'req_8c1f0b7d2a9e4f6b', 'resource': {'id':
            'usr_8fK2mQ9xLp3RtW7v', 'type': 'user'}}}

    Attributes:
        data (AuditEvent):  Example: {'action': 'user.created', 'actor': {'id': 'key_xyz789', 'type': 'api_key'},
            'created_at': '2026-01-15T10:30:00Z', 'details': {'username': 'john.doe'}, 'id': 'aud_4Tz9QmXc2Lk7PwR1', 'ip':
            '203.0.113.7', 'organization_id': 'org_3KfA9cLq2TnV7wXy', 'request_id': 'req_8c1f0b7d2a9e4f6b', 'resource':
            {'id': 'usr_8fK2mQ9xLp3RtW7v', 'type': 'user'}}.
    """

    data: AuditEvent
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event import AuditEvent  # noqa: PLC0415

        d = dict(src_dict)
        data = AuditEvent.from_dict(d.pop("data"))

        audit_event_envelope = cls(
            data=data,
        )

        audit_event_envelope.additional_properties = d
        return audit_event_envelope

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
