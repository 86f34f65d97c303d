from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.ingestion_webhook_request_events_item import IngestionWebhookRequestEventsItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="IngestionWebhookRequest")


@_attrs_define
class IngestionWebhookRequest:
    """
    Attributes:
        events (list[IngestionWebhookRequestEventsItem]): Event types from the catalog (see `POST /webhooks`). Example:
            ['record.created'].
        url (str): http(s) URL deliveries are POSTed to. Example: https://your-server.com/webhook.
        collections (list[str] | Unset): Collections record events are narrowed to (empty: all). Example: ['products'].
        secret (str | Unset): Signing secret, 8 to 256 printable ASCII characters, no outer spaces (a `whsec_` secret
            carries base64 after the prefix). Absent: generated.
             Example: webhook-secret.
    """

    events: list[IngestionWebhookRequestEventsItem]
    url: str
    collections: list[str] | Unset = UNSET
    secret: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        url = self.url

        collections: list[str] | Unset = UNSET
        if not isinstance(self.collections, Unset):
            collections = self.collections

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
                "url": url,
            }
        )
        if collections is not UNSET:
            field_dict["collections"] = collections
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = IngestionWebhookRequestEventsItem(events_item_data)

            events.append(events_item)

        url = d.pop("url")

        collections = cast(list[str], d.pop("collections", UNSET))

        secret = d.pop("secret", UNSET)

        ingestion_webhook_request = cls(
            events=events,
            url=url,
            collections=collections,
            secret=secret,
        )

        return ingestion_webhook_request
