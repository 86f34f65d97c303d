from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_changes_events_item import WebhookChangesEventsItem
from ..models.webhook_changes_status import WebhookChangesStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookChanges")


@_attrs_define
class WebhookChanges:
    """
    Attributes:
        collections (list[str] | Unset): Collections record events are narrowed to (empty: all). Example: ['products'].
        events (list[WebhookChangesEventsItem] | Unset): Event types from the catalog (see `POST /webhooks`). Example:
            ['record.created'].
        status (WebhookChangesStatus | Unset):  Example: disabled.
        url (str | Unset): http(s) URL deliveries are POSTed to. Example: https://your-server.com/webhook.
    """

    collections: list[str] | Unset = UNSET
    events: list[WebhookChangesEventsItem] | Unset = UNSET
    status: WebhookChangesStatus | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        collections: list[str] | Unset = UNSET
        if not isinstance(self.collections, Unset):
            collections = self.collections

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if collections is not UNSET:
            field_dict["collections"] = collections
        if events is not UNSET:
            field_dict["events"] = events
        if status is not UNSET:
            field_dict["status"] = status
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        collections = cast(list[str], d.pop("collections", UNSET))

        _events = d.pop("events", UNSET)
        events: list[WebhookChangesEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = WebhookChangesEventsItem(events_item_data)

                events.append(events_item)

        _status = d.pop("status", UNSET)
        status: WebhookChangesStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = WebhookChangesStatus(_status)

        url = d.pop("url", UNSET)

        webhook_changes = cls(
            collections=collections,
            events=events,
            status=status,
            url=url,
        )

        return webhook_changes
