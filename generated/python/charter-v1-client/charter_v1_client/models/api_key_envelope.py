from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.api_key import ApiKey


T = TypeVar("T", bound="ApiKeyEnvelope")


@_attrs_define
class ApiKeyEnvelope:
    """
    Example:
        {'data': {'created_at': '2026-01-01T00:00:00Z', 'expires_at': None, 'id': 'key_xyz789', 'ip_ranges':
            ['203.0.113.0/24'], 'last4': 'a1b2', 'last_used_at': '2026-01-15T10:30:00Z', 'mode': 'live', 'name': 'Production
            Server', 'prefix': 'sk_live_', 'revoked_at': None, 'scopes': ['users:read']}}

    Attributes:
        data (ApiKey):  Example: {'created_at': '2026-01-01T00:00:00Z', 'expires_at': None, 'id': 'key_xyz789',
            'ip_ranges': ['203.0.113.0/24'], 'last4': 'a1b2', 'last_used_at': '2026-01-15T10:30:00Z', 'mode': 'live',
            'name': 'Production Server', 'prefix': 'sk_live_', 'revoked_at': None, 'scopes': ['users:read']}.
    """

    data: ApiKey
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
        from ..models.api_key import ApiKey  # noqa: PLC0415

        d = dict(src_dict)
        data = ApiKey.from_dict(d.pop("data"))

        api_key_envelope = cls(
            data=data,
        )

        api_key_envelope.additional_properties = d
        return api_key_envelope

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
