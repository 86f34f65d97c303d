from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_delivery_status import WebhookDeliveryStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_key_created_event import ApiKeyCreatedEvent
    from ..models.api_key_revoked_event import ApiKeyRevokedEvent
    from ..models.api_key_rolled_event import ApiKeyRolledEvent
    from ..models.api_key_updated_event import ApiKeyUpdatedEvent
    from ..models.collection_declared_event import CollectionDeclaredEvent
    from ..models.collection_deleted_event import CollectionDeletedEvent
    from ..models.file_created_event import FileCreatedEvent
    from ..models.file_deleted_event import FileDeletedEvent
    from ..models.file_shared_event import FileSharedEvent
    from ..models.ingestion_completed_event import IngestionCompletedEvent
    from ..models.ingestion_failed_event import IngestionFailedEvent
    from ..models.o_auth_client_created_event import OAuthClientCreatedEvent
    from ..models.o_auth_grant_created_event import OAuthGrantCreatedEvent
    from ..models.o_auth_grant_revoked_event import OAuthGrantRevokedEvent
    from ..models.organization_created_event import OrganizationCreatedEvent
    from ..models.organization_deleted_event import OrganizationDeletedEvent
    from ..models.organization_updated_event import OrganizationUpdatedEvent
    from ..models.record_created_event import RecordCreatedEvent
    from ..models.record_deleted_event import RecordDeletedEvent
    from ..models.record_updated_event import RecordUpdatedEvent
    from ..models.report_generated_event import ReportGeneratedEvent
    from ..models.user_authenticated_event import UserAuthenticatedEvent
    from ..models.user_created_event import UserCreatedEvent
    from ..models.user_deleted_event import UserDeletedEvent
    from ..models.user_login_failed_event import UserLoginFailedEvent
    from ..models.user_mfa_failed_event import UserMfaFailedEvent
    from ..models.user_unlocked_event import UserUnlockedEvent
    from ..models.user_updated_event import UserUpdatedEvent
    from ..models.webhook_attempt import WebhookAttempt
    from ..models.webhook_disabled_event import WebhookDisabledEvent
    from ..models.webhook_ping_event import WebhookPingEvent


T = TypeVar("T", bound="WebhookDelivery")


@_attrs_define
class WebhookDelivery:
    """
    Example:
        {'attempt_count': 1, 'attempts': [{'attempted_at': '2024-02-07T10:30:00Z', 'duration_ms': 120, 'error': 'The
            endpoint answered 503', 'response_excerpt': 'Service Unavailable', 'status_code': 503}], 'created_at':
            '2024-02-07T10:30:00Z', 'delivered_at': None, 'event': 'record.created', 'event_id': 'evt_7Yx2KfLq9MzTb3Wc',
            'id': 'whd_3Hj8sQpLm2VxN6Tz', 'last_error': 'The endpoint answered 503', 'last_status_code': 503,
            'next_attempt_at': '2024-02-07T10:30:05Z', 'payload': {'data': {'changes': {'name': 'Widget', 'price': 29.99},
            'collection': 'products', 'record_id': 'rec_abc123'}, 'event': 'record.created', 'id': 'evt_7Yx2KfLq9MzTb3Wc',
            'timestamp': '2024-02-07T10:30:00Z'}, 'status': 'pending', 'webhook_id': 'wh_8fKq2LmZx9TbWc4R'}

    Attributes:
        attempt_count (int):  Example: 1.
        attempts (list[WebhookAttempt]):
        created_at (datetime.datetime):  Example: 2024-02-07T10:30:00Z.
        delivered_at (datetime.datetime | None):
        event (str):  Example: record.created.
        event_id (str): The event's id: the `webhook-id` header, the same on every attempt. Example:
            evt_7Yx2KfLq9MzTb3Wc.
        id (str):  Example: whd_3Hj8sQpLm2VxN6Tz.
        last_error (None | str):  Example: The endpoint answered 503.
        last_status_code (int | None):  Example: 503.
        next_attempt_at (datetime.datetime | None):  Example: 2024-02-07T10:30:05Z.
        status (WebhookDeliveryStatus): `pending`: due or waiting for a retry; `failed`: given up (retries spent, or
            410).
             Example: pending.
        webhook_id (str):  Example: wh_8fKq2LmZx9TbWc4R.
        payload (ApiKeyCreatedEvent | ApiKeyRevokedEvent | ApiKeyRolledEvent | ApiKeyUpdatedEvent |
            CollectionDeclaredEvent | CollectionDeletedEvent | FileCreatedEvent | FileDeletedEvent | FileSharedEvent |
            IngestionCompletedEvent | IngestionFailedEvent | OAuthClientCreatedEvent | OAuthGrantCreatedEvent |
            OAuthGrantRevokedEvent | OrganizationCreatedEvent | OrganizationDeletedEvent | OrganizationUpdatedEvent |
            RecordCreatedEvent | RecordDeletedEvent | RecordUpdatedEvent | ReportGeneratedEvent | Unset |
            UserAuthenticatedEvent | UserCreatedEvent | UserDeletedEvent | UserLoginFailedEvent | UserMfaFailedEvent |
            UserUnlockedEvent | UserUpdatedEvent | WebhookDisabledEvent | WebhookPingEvent): The message, as sent but for
            its `signature` member (which depends on the secret at the time
            of each attempt): one schema per event, told apart by `event`. Left out when the caller
            lacks the scope that reads the event (`read:data` for record events, `users:read` for user
            events, and so on, as for subscribing to it).
    """

    attempt_count: int
    attempts: list[WebhookAttempt]
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    event: str
    event_id: str
    id: str
    last_error: None | str
    last_status_code: int | None
    next_attempt_at: datetime.datetime | None
    status: WebhookDeliveryStatus
    webhook_id: str
    payload: (
        ApiKeyCreatedEvent
        | ApiKeyRevokedEvent
        | ApiKeyRolledEvent
        | ApiKeyUpdatedEvent
        | CollectionDeclaredEvent
        | CollectionDeletedEvent
        | FileCreatedEvent
        | FileDeletedEvent
        | FileSharedEvent
        | IngestionCompletedEvent
        | IngestionFailedEvent
        | OAuthClientCreatedEvent
        | OAuthGrantCreatedEvent
        | OAuthGrantRevokedEvent
        | OrganizationCreatedEvent
        | OrganizationDeletedEvent
        | OrganizationUpdatedEvent
        | RecordCreatedEvent
        | RecordDeletedEvent
        | RecordUpdatedEvent
        | ReportGeneratedEvent
        | Unset
        | UserAuthenticatedEvent
        | UserCreatedEvent
        | UserDeletedEvent
        | UserLoginFailedEvent
        | UserMfaFailedEvent
        | UserUnlockedEvent
        | UserUpdatedEvent
        | WebhookDisabledEvent
        | WebhookPingEvent
    ) = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.api_key_created_event import ApiKeyCreatedEvent  # noqa: PLC0415
        from ..models.api_key_revoked_event import ApiKeyRevokedEvent  # noqa: PLC0415
        from ..models.api_key_rolled_event import ApiKeyRolledEvent  # noqa: PLC0415
        from ..models.api_key_updated_event import ApiKeyUpdatedEvent  # noqa: PLC0415
        from ..models.collection_declared_event import CollectionDeclaredEvent  # noqa: PLC0415
        from ..models.collection_deleted_event import CollectionDeletedEvent  # noqa: PLC0415
        from ..models.file_created_event import FileCreatedEvent  # noqa: PLC0415
        from ..models.file_deleted_event import FileDeletedEvent  # noqa: PLC0415
        from ..models.file_shared_event import FileSharedEvent  # noqa: PLC0415
        from ..models.ingestion_completed_event import IngestionCompletedEvent  # noqa: PLC0415
        from ..models.ingestion_failed_event import IngestionFailedEvent  # noqa: PLC0415
        from ..models.o_auth_client_created_event import OAuthClientCreatedEvent  # noqa: PLC0415
        from ..models.o_auth_grant_created_event import OAuthGrantCreatedEvent  # noqa: PLC0415
        from ..models.o_auth_grant_revoked_event import OAuthGrantRevokedEvent  # noqa: PLC0415
        from ..models.organization_created_event import OrganizationCreatedEvent  # noqa: PLC0415
        from ..models.organization_deleted_event import OrganizationDeletedEvent  # noqa: PLC0415
        from ..models.organization_updated_event import OrganizationUpdatedEvent  # noqa: PLC0415
        from ..models.record_created_event import RecordCreatedEvent  # noqa: PLC0415
        from ..models.record_deleted_event import RecordDeletedEvent  # noqa: PLC0415
        from ..models.record_updated_event import RecordUpdatedEvent  # noqa: PLC0415
        from ..models.report_generated_event import ReportGeneratedEvent  # noqa: PLC0415
        from ..models.user_authenticated_event import UserAuthenticatedEvent  # noqa: PLC0415
        from ..models.user_created_event import UserCreatedEvent  # noqa: PLC0415
        from ..models.user_deleted_event import UserDeletedEvent  # noqa: PLC0415
        from ..models.user_login_failed_event import UserLoginFailedEvent  # noqa: PLC0415
        from ..models.user_mfa_failed_event import UserMfaFailedEvent  # noqa: PLC0415
        from ..models.user_unlocked_event import UserUnlockedEvent  # noqa: PLC0415
        from ..models.user_updated_event import UserUpdatedEvent  # noqa: PLC0415
        from ..models.webhook_disabled_event import WebhookDisabledEvent  # noqa: PLC0415

        attempt_count = self.attempt_count

        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        event = self.event

        event_id = self.event_id

        id = self.id

        last_error: None | str
        last_error = self.last_error

        last_status_code: int | None
        last_status_code = self.last_status_code

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        status = self.status.value

        webhook_id = self.webhook_id

        payload: dict[str, Any] | Unset
        if isinstance(self.payload, Unset):
            payload = UNSET
        elif isinstance(self.payload, RecordCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, RecordUpdatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, RecordDeletedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, CollectionDeclaredEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, CollectionDeletedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserUpdatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserDeletedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserUnlockedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserAuthenticatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserLoginFailedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, UserMfaFailedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, OrganizationCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, OrganizationUpdatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, OrganizationDeletedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, ApiKeyCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, ApiKeyUpdatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, ApiKeyRolledEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, ApiKeyRevokedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, WebhookDisabledEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, FileCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, FileDeletedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, FileSharedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, ReportGeneratedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, IngestionCompletedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, IngestionFailedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, OAuthClientCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, OAuthGrantCreatedEvent):
            payload = self.payload.to_dict()
        elif isinstance(self.payload, OAuthGrantRevokedEvent):
            payload = self.payload.to_dict()
        else:
            payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_count": attempt_count,
                "attempts": attempts,
                "created_at": created_at,
                "delivered_at": delivered_at,
                "event": event,
                "event_id": event_id,
                "id": id,
                "last_error": last_error,
                "last_status_code": last_status_code,
                "next_attempt_at": next_attempt_at,
                "status": status,
                "webhook_id": webhook_id,
            }
        )
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_key_created_event import ApiKeyCreatedEvent  # noqa: PLC0415
        from ..models.api_key_revoked_event import ApiKeyRevokedEvent  # noqa: PLC0415
        from ..models.api_key_rolled_event import ApiKeyRolledEvent  # noqa: PLC0415
        from ..models.api_key_updated_event import ApiKeyUpdatedEvent  # noqa: PLC0415
        from ..models.collection_declared_event import CollectionDeclaredEvent  # noqa: PLC0415
        from ..models.collection_deleted_event import CollectionDeletedEvent  # noqa: PLC0415
        from ..models.file_created_event import FileCreatedEvent  # noqa: PLC0415
        from ..models.file_deleted_event import FileDeletedEvent  # noqa: PLC0415
        from ..models.file_shared_event import FileSharedEvent  # noqa: PLC0415
        from ..models.ingestion_completed_event import IngestionCompletedEvent  # noqa: PLC0415
        from ..models.ingestion_failed_event import IngestionFailedEvent  # noqa: PLC0415
        from ..models.o_auth_client_created_event import OAuthClientCreatedEvent  # noqa: PLC0415
        from ..models.o_auth_grant_created_event import OAuthGrantCreatedEvent  # noqa: PLC0415
        from ..models.o_auth_grant_revoked_event import OAuthGrantRevokedEvent  # noqa: PLC0415
        from ..models.organization_created_event import OrganizationCreatedEvent  # noqa: PLC0415
        from ..models.organization_deleted_event import OrganizationDeletedEvent  # noqa: PLC0415
        from ..models.organization_updated_event import OrganizationUpdatedEvent  # noqa: PLC0415
        from ..models.record_created_event import RecordCreatedEvent  # noqa: PLC0415
        from ..models.record_deleted_event import RecordDeletedEvent  # noqa: PLC0415
        from ..models.record_updated_event import RecordUpdatedEvent  # noqa: PLC0415
        from ..models.report_generated_event import ReportGeneratedEvent  # noqa: PLC0415
        from ..models.user_authenticated_event import UserAuthenticatedEvent  # noqa: PLC0415
        from ..models.user_created_event import UserCreatedEvent  # noqa: PLC0415
        from ..models.user_deleted_event import UserDeletedEvent  # noqa: PLC0415
        from ..models.user_login_failed_event import UserLoginFailedEvent  # noqa: PLC0415
        from ..models.user_mfa_failed_event import UserMfaFailedEvent  # noqa: PLC0415
        from ..models.user_unlocked_event import UserUnlockedEvent  # noqa: PLC0415
        from ..models.user_updated_event import UserUpdatedEvent  # noqa: PLC0415
        from ..models.webhook_attempt import WebhookAttempt  # noqa: PLC0415
        from ..models.webhook_disabled_event import WebhookDisabledEvent  # noqa: PLC0415
        from ..models.webhook_ping_event import WebhookPingEvent  # noqa: PLC0415

        d = dict(src_dict)
        attempt_count = d.pop("attempt_count")

        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = WebhookAttempt.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        event = d.pop("event")

        event_id = d.pop("event_id")

        id = d.pop("id")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        status = WebhookDeliveryStatus(d.pop("status"))

        webhook_id = d.pop("webhook_id")

        def _parse_payload(
            data: object,
        ) -> (
            ApiKeyCreatedEvent
            | ApiKeyRevokedEvent
            | ApiKeyRolledEvent
            | ApiKeyUpdatedEvent
            | CollectionDeclaredEvent
            | CollectionDeletedEvent
            | FileCreatedEvent
            | FileDeletedEvent
            | FileSharedEvent
            | IngestionCompletedEvent
            | IngestionFailedEvent
            | OAuthClientCreatedEvent
            | OAuthGrantCreatedEvent
            | OAuthGrantRevokedEvent
            | OrganizationCreatedEvent
            | OrganizationDeletedEvent
            | OrganizationUpdatedEvent
            | RecordCreatedEvent
            | RecordDeletedEvent
            | RecordUpdatedEvent
            | ReportGeneratedEvent
            | Unset
            | UserAuthenticatedEvent
            | UserCreatedEvent
            | UserDeletedEvent
            | UserLoginFailedEvent
            | UserMfaFailedEvent
            | UserUnlockedEvent
            | UserUpdatedEvent
            | WebhookDisabledEvent
            | WebhookPingEvent
        ):
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_0 = RecordCreatedEvent.from_dict(data)

                return payload_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_1 = RecordUpdatedEvent.from_dict(data)

                return payload_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_2 = RecordDeletedEvent.from_dict(data)

                return payload_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_3 = CollectionDeclaredEvent.from_dict(data)

                return payload_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_4 = CollectionDeletedEvent.from_dict(data)

                return payload_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_5 = UserCreatedEvent.from_dict(data)

                return payload_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_6 = UserUpdatedEvent.from_dict(data)

                return payload_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_7 = UserDeletedEvent.from_dict(data)

                return payload_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_8 = UserUnlockedEvent.from_dict(data)

                return payload_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_9 = UserAuthenticatedEvent.from_dict(data)

                return payload_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_10 = UserLoginFailedEvent.from_dict(data)

                return payload_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_11 = UserMfaFailedEvent.from_dict(data)

                return payload_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_12 = OrganizationCreatedEvent.from_dict(data)

                return payload_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_13 = OrganizationUpdatedEvent.from_dict(data)

                return payload_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_14 = OrganizationDeletedEvent.from_dict(data)

                return payload_type_14
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_15 = ApiKeyCreatedEvent.from_dict(data)

                return payload_type_15
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_16 = ApiKeyUpdatedEvent.from_dict(data)

                return payload_type_16
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_17 = ApiKeyRolledEvent.from_dict(data)

                return payload_type_17
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_18 = ApiKeyRevokedEvent.from_dict(data)

                return payload_type_18
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_19 = WebhookDisabledEvent.from_dict(data)

                return payload_type_19
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_20 = FileCreatedEvent.from_dict(data)

                return payload_type_20
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_21 = FileDeletedEvent.from_dict(data)

                return payload_type_21
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_22 = FileSharedEvent.from_dict(data)

                return payload_type_22
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_23 = ReportGeneratedEvent.from_dict(data)

                return payload_type_23
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_24 = IngestionCompletedEvent.from_dict(data)

                return payload_type_24
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_25 = IngestionFailedEvent.from_dict(data)

                return payload_type_25
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_26 = OAuthClientCreatedEvent.from_dict(data)

                return payload_type_26
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_27 = OAuthGrantCreatedEvent.from_dict(data)

                return payload_type_27
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                payload_type_28 = OAuthGrantRevokedEvent.from_dict(data)

                return payload_type_28
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            payload_type_29 = WebhookPingEvent.from_dict(data)

            return payload_type_29

        payload = _parse_payload(d.pop("payload", UNSET))

        webhook_delivery = cls(
            attempt_count=attempt_count,
            attempts=attempts,
            created_at=created_at,
            delivered_at=delivered_at,
            event=event,
            event_id=event_id,
            id=id,
            last_error=last_error,
            last_status_code=last_status_code,
            next_attempt_at=next_attempt_at,
            status=status,
            webhook_id=webhook_id,
            payload=payload,
        )

        webhook_delivery.additional_properties = d
        return webhook_delivery

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
