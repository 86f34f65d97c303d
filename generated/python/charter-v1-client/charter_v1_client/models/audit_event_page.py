from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.audit_event import AuditEvent


T = TypeVar("T", bound="AuditEventPage")


@_attrs_define
class AuditEventPage:
    """
    Example:
        {'data': [{'action': 'user.created', 'actor': {'id': 'key_xyz789', 'type': 'api_key'}, 'created_at':
            '2026-01-15T10:30:00Z', 'details': {'username': 'john.doe'}, 'id': 'aud_4Tz9QmXc2Lk7PwR1', 'ip': '203.0.113.7',
            'organization_id': 'org_3KfA9cLq2TnV7wXy', 'request_id': 'req_8c1f0b7d2a9e4f6b', 'resource': {'id':
            'usr_8fK2mQ9xLp3RtW7v', 'type': 'user'}}], 'has_more': False, 'limit': 20, 'offset': 0, 'total': 1}

    Attributes:
        data (list[AuditEvent]):
        has_more (bool): Whether more items follow this page (`offset` + the items returned < `total`). Example: False.
        limit (int):
        offset (int):
        total (int):
    """

    data: list[AuditEvent]
    has_more: bool
    limit: int
    offset: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        has_more = self.has_more

        limit = self.limit

        offset = self.offset

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "has_more": has_more,
                "limit": limit,
                "offset": offset,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_event import AuditEvent  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = AuditEvent.from_dict(data_item_data)

            data.append(data_item)

        has_more = d.pop("has_more")

        limit = d.pop("limit")

        offset = d.pop("offset")

        total = d.pop("total")

        audit_event_page = cls(
            data=data,
            has_more=has_more,
            limit=limit,
            offset=offset,
            total=total,
        )

        audit_event_page.additional_properties = d
        return audit_event_page

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
