from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.o_auth_client_created_event_event import OAuthClientCreatedEventEvent
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.o_auth_client_event_data import OAuthClientEventData


T = TypeVar("T", bound="OAuthClientCreatedEvent")


@_attrs_define
class OAuthClientCreatedEvent:
    """`oauth.client.created`: An OAuth client was registered (seed 004).

    Example:
        {'data': {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential', 'name': 'Reporting dashboard',
            'scopes': ['openid', 'users:read']}, 'event': 'oauth.client.created', 'id': 'evt_7Yx2KfLq9MzTb3Wc', 'signature':
            'sha256=5d7f0b1c3e9a2f4d6b8c0e1a3f5d7b9c1e3a5f7d9b1c3e5a7f9d1b3c5e7a9f1d', 'timestamp': '2024-02-07T10:30:00Z'}

    Attributes:
        data (OAuthClientEventData):  Example: {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential',
            'name': 'Reporting dashboard', 'scopes': ['openid', 'users:read']}.
        event (OAuthClientCreatedEventEvent):  Example: oauth.client.created.
        id (str): The event id (the `webhook-id` header). Example: evt_7Yx2KfLq9MzTb3Wc.
        timestamp (datetime.datetime): When the event happened. Example: 2024-02-07T10:30:00Z.
        signature (str | Unset): Seed 000: `sha256=<hex HMAC-SHA256>` of the RFC 8785 canonical JSON of this object
            without
            `signature`, keyed by the secret's UTF-8 bytes. Present in what a receiver gets; absent in the
            delivery log.
             Example: sha256=5d7f0b1c3e9a2f4d6b8c0e1a3f5d7b9c1e3a5f7d9b1c3e5a7f9d1b3c5e7a9f1d.
    """

    data: OAuthClientEventData
    event: OAuthClientCreatedEventEvent
    id: str
    timestamp: datetime.datetime
    signature: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        event = self.event.value

        id = self.id

        timestamp = self.timestamp.isoformat()

        signature = self.signature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "event": event,
                "id": id,
                "timestamp": timestamp,
            }
        )
        if signature is not UNSET:
            field_dict["signature"] = signature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.o_auth_client_event_data import OAuthClientEventData  # noqa: PLC0415

        d = dict(src_dict)
        data = OAuthClientEventData.from_dict(d.pop("data"))

        event = OAuthClientCreatedEventEvent(d.pop("event"))

        id = d.pop("id")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        signature = d.pop("signature", UNSET)

        o_auth_client_created_event = cls(
            data=data,
            event=event,
            id=id,
            timestamp=timestamp,
            signature=signature,
        )

        o_auth_client_created_event.additional_properties = d
        return o_auth_client_created_event

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
