from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_with_secret import WebhookWithSecret


T = TypeVar("T", bound="V1WebhookSecretEnvelope")


@_attrs_define
class V1WebhookSecretEnvelope:
    """
    Example:
        {'data': {'collections': ['products', 'orders'], 'created_at': '2024-02-07T10:30:00Z', 'disabled_at': None,
            'disabled_reason': None, 'events': ['record.created', 'record.updated', 'record.deleted'], 'id':
            'wh_8fKq2LmZx9TbWc4R', 'livemode': True, 'previous_secret_expires_at': None, 'secret':
            'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'status': 'enabled', 'updated_at': '2024-02-07T10:30:00Z', 'url':
            'https://your-server.com/webhook'}}

    Attributes:
        data (WebhookWithSecret):  Example: {'collections': ['products', 'orders'], 'created_at':
            '2024-02-07T10:30:00Z', 'disabled_at': None, 'disabled_reason': None, 'events': ['record.created',
            'record.updated', 'record.deleted'], 'id': 'wh_8fKq2LmZx9TbWc4R', 'livemode': True,
            'previous_secret_expires_at': None, 'secret': 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'status': 'enabled',
            'updated_at': '2024-02-07T10:30:00Z', 'url': 'https://your-server.com/webhook'}.
    """

    data: WebhookWithSecret
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
        from ..models.webhook_with_secret import WebhookWithSecret  # noqa: PLC0415

        d = dict(src_dict)
        data = WebhookWithSecret.from_dict(d.pop("data"))

        v1_webhook_secret_envelope = cls(
            data=data,
        )

        v1_webhook_secret_envelope.additional_properties = d
        return v1_webhook_secret_envelope

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
