from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_disabled_reason_type_1 import WebhookDisabledReasonType1
from ..models.webhook_disabled_reason_type_2_type_1 import WebhookDisabledReasonType2Type1
from ..models.webhook_disabled_reason_type_3_type_1 import WebhookDisabledReasonType3Type1
from ..models.webhook_status import WebhookStatus

T = TypeVar("T", bound="WebhookWithSecret")


@_attrs_define
class WebhookWithSecret:
    """
    Example:
        {'collections': ['products', 'orders'], 'created_at': '2024-02-07T10:30:00Z', 'disabled_at': None,
            'disabled_reason': None, 'events': ['record.created', 'record.updated', 'record.deleted'], 'id':
            'wh_8fKq2LmZx9TbWc4R', 'livemode': True, 'previous_secret_expires_at': None, 'secret':
            'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'status': 'enabled', 'updated_at': '2024-02-07T10:30:00Z', 'url':
            'https://your-server.com/webhook'}

    Attributes:
        collections (list[str]): Collections record events are narrowed to (empty: all). Example: ['products'].
        created_at (datetime.datetime):  Example: 2024-02-07T10:30:00Z.
        disabled_at (datetime.datetime | None):
        disabled_reason (None | WebhookDisabledReasonType1 | WebhookDisabledReasonType2Type1 |
            WebhookDisabledReasonType3Type1): `gone`: it answered 410; `failing`: it failed for
            CHARTER_WEBHOOK_DISABLE_AFTER_DAYS;
            `manual`: a PATCH.
        events (list[str]):  Example: ['record.created'].
        id (str):  Example: wh_8fKq2LmZx9TbWc4R.
        livemode (bool):  Example: True.
        previous_secret_expires_at (datetime.datetime | None): While a rotation's overlap runs: when the previous secret
            stops signing.
        status (WebhookStatus):  Example: enabled.
        updated_at (datetime.datetime):  Example: 2024-02-07T10:30:00Z.
        url (str):  Example: https://your-server.com/webhook.
        secret (str): The signing secret, shown only in this answer. Example: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw.
    """

    collections: list[str]
    created_at: datetime.datetime
    disabled_at: datetime.datetime | None
    disabled_reason: (
        None | WebhookDisabledReasonType1 | WebhookDisabledReasonType2Type1 | WebhookDisabledReasonType3Type1
    )
    events: list[str]
    id: str
    livemode: bool
    previous_secret_expires_at: datetime.datetime | None
    status: WebhookStatus
    updated_at: datetime.datetime
    url: str
    secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        collections = self.collections

        created_at = self.created_at.isoformat()

        disabled_at: None | str
        if isinstance(self.disabled_at, datetime.datetime):
            disabled_at = self.disabled_at.isoformat()
        else:
            disabled_at = self.disabled_at

        disabled_reason: None | str
        if isinstance(self.disabled_reason, WebhookDisabledReasonType1):
            disabled_reason = self.disabled_reason.value
        elif isinstance(self.disabled_reason, WebhookDisabledReasonType2Type1):
            disabled_reason = self.disabled_reason.value
        elif isinstance(self.disabled_reason, WebhookDisabledReasonType3Type1):
            disabled_reason = self.disabled_reason.value
        else:
            disabled_reason = self.disabled_reason

        events = self.events

        id = self.id

        livemode = self.livemode

        previous_secret_expires_at: None | str
        if isinstance(self.previous_secret_expires_at, datetime.datetime):
            previous_secret_expires_at = self.previous_secret_expires_at.isoformat()
        else:
            previous_secret_expires_at = self.previous_secret_expires_at

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        url = self.url

        secret = self.secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "collections": collections,
                "created_at": created_at,
                "disabled_at": disabled_at,
                "disabled_reason": disabled_reason,
                "events": events,
                "id": id,
                "livemode": livemode,
                "previous_secret_expires_at": previous_secret_expires_at,
                "status": status,
                "updated_at": updated_at,
                "url": url,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        collections = cast(list[str], d.pop("collections"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_disabled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_at_type_0 = datetime.datetime.fromisoformat(data)

                return disabled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        disabled_at = _parse_disabled_at(d.pop("disabled_at"))

        def _parse_disabled_reason(
            data: object,
        ) -> None | WebhookDisabledReasonType1 | WebhookDisabledReasonType2Type1 | WebhookDisabledReasonType3Type1:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_reason_type_1 = WebhookDisabledReasonType1(data)

                return disabled_reason_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_reason_type_2_type_1 = WebhookDisabledReasonType2Type1(data)

                return disabled_reason_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_reason_type_3_type_1 = WebhookDisabledReasonType3Type1(data)

                return disabled_reason_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                None | WebhookDisabledReasonType1 | WebhookDisabledReasonType2Type1 | WebhookDisabledReasonType3Type1,
                data,
            )

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        events = cast(list[str], d.pop("events"))

        id = d.pop("id")

        livemode = d.pop("livemode")

        def _parse_previous_secret_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return previous_secret_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_expires_at = _parse_previous_secret_expires_at(d.pop("previous_secret_expires_at"))

        status = WebhookStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        secret = d.pop("secret")

        webhook_with_secret = cls(
            collections=collections,
            created_at=created_at,
            disabled_at=disabled_at,
            disabled_reason=disabled_reason,
            events=events,
            id=id,
            livemode=livemode,
            previous_secret_expires_at=previous_secret_expires_at,
            status=status,
            updated_at=updated_at,
            url=url,
            secret=secret,
        )

        webhook_with_secret.additional_properties = d
        return webhook_with_secret

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
