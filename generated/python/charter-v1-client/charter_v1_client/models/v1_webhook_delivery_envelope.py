from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_delivery import WebhookDelivery


T = TypeVar("T", bound="V1WebhookDeliveryEnvelope")


@_attrs_define
class V1WebhookDeliveryEnvelope:
    """
    Example:
        {'data': {'attempt_count': 1, 'attempts': [{'attempted_at': '2024-02-07T10:30:00Z', 'duration_ms': 120, 'error':
            'The endpoint answered 503', 'response_excerpt': 'Service Unavailable', 'status_code': 503}], 'created_at':
            '2024-02-07T10:30:00Z', 'delivered_at': None, 'event': 'record.created', 'event_id': 'evt_7Yx2KfLq9MzTb3Wc',
            'id': 'whd_3Hj8sQpLm2VxN6Tz', 'last_error': 'The endpoint answered 503', 'last_status_code': 503,
            'next_attempt_at': '2024-02-07T10:30:05Z', 'payload': {'data': {'changes': {'name': 'Widget', 'price': 29.99},
            'collection': 'products', 'record_id': 'rec_abc123'}, 'event': 'record.created', 'id': 'evt_7Yx2KfLq9MzTb3Wc',
            'timestamp': '2024-02-07T10:30:00Z'}, 'status': 'pending', 'webhook_id': 'wh_8fKq2LmZx9TbWc4R'}}

    Attributes:
        data (WebhookDelivery):  Example: {'attempt_count': 1, 'attempts': [{'attempted_at': '2024-02-07T10:30:00Z',
            'duration_ms': 120, 'error': 'The endpoint answered 503', 'response_excerpt': 'Service Unavailable',
            'status_code': 503}], 'created_at': '2024-02-07T10:30:00Z', 'delivered_at': None, 'event': 'record.created',
            'event_id': 'evt_7Yx2KfLq9MzTb3Wc', 'id': 'whd_3Hj8sQpLm2VxN6Tz', 'last_error': 'The endpoint answered 503',
            'last_status_code': 503, 'next_attempt_at': '2024-02-07T10:30:05Z', 'payload': {'data': {'changes': {'name':
            'Widget', 'price': 29.99}, 'collection': 'products', 'record_id': 'rec_abc123'}, 'event': 'record.created',
            'id': 'evt_7Yx2KfLq9MzTb3Wc', 'timestamp': '2024-02-07T10:30:00Z'}, 'status': 'pending', 'webhook_id':
            'wh_8fKq2LmZx9TbWc4R'}.
    """

    data: WebhookDelivery
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
        from ..models.webhook_delivery import WebhookDelivery  # noqa: PLC0415

        d = dict(src_dict)
        data = WebhookDelivery.from_dict(d.pop("data"))

        v1_webhook_delivery_envelope = cls(
            data=data,
        )

        v1_webhook_delivery_envelope.additional_properties = d
        return v1_webhook_delivery_envelope

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
