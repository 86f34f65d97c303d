from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_data_reason import WebhookEventDataReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEventData")


@_attrs_define
class WebhookEventData:
    """
    Example:
        {'failing_since': '2024-02-02T10:30:00Z', 'reason': 'failing', 'url': 'https://your-server.com/webhook',
            'webhook_id': 'wh_8fKq2LmZx9TbWc4R'}

    Attributes:
        webhook_id (str):  Example: wh_8fKq2LmZx9TbWc4R.
        failing_since (datetime.datetime | None | Unset): `webhook.disabled`. Example: 2024-02-02T10:30:00Z.
        reason (WebhookEventDataReason | Unset): `webhook.disabled`: answered 410, or failed for 5 days. Example:
            failing.
        url (str | Unset): `webhook.disabled`. Example: https://your-server.com/webhook.
    """

    webhook_id: str
    failing_since: datetime.datetime | None | Unset = UNSET
    reason: WebhookEventDataReason | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook_id = self.webhook_id

        failing_since: None | str | Unset
        if isinstance(self.failing_since, Unset):
            failing_since = UNSET
        elif isinstance(self.failing_since, datetime.datetime):
            failing_since = self.failing_since.isoformat()
        else:
            failing_since = self.failing_since

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "webhook_id": webhook_id,
            }
        )
        if failing_since is not UNSET:
            field_dict["failing_since"] = failing_since
        if reason is not UNSET:
            field_dict["reason"] = reason
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        webhook_id = d.pop("webhook_id")

        def _parse_failing_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failing_since_type_0 = datetime.datetime.fromisoformat(data)

                return failing_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        failing_since = _parse_failing_since(d.pop("failing_since", UNSET))

        _reason = d.pop("reason", UNSET)
        reason: WebhookEventDataReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = WebhookEventDataReason(_reason)

        url = d.pop("url", UNSET)

        webhook_event_data = cls(
            webhook_id=webhook_id,
            failing_since=failing_since,
            reason=reason,
            url=url,
        )

        webhook_event_data.additional_properties = d
        return webhook_event_data

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
