"""SQLAlchemy models, one module per domain; everything is re-exported here for Alembic."""

from storage.models.base import Base, UTCDateTime
from storage.models.data import Collection, CollectionIndex, Record
from storage.models.events import AuditEvent, OutboxEvent
from storage.models.files import File, FileCount, FileShare
from storage.models.identity import (
    ApiKey,
    LoginSession,
    LoginThrottle,
    OneTimeCode,
    Organization,
    Plan,
    RecoveryCode,
    RefreshToken,
    User,
)
from storage.models.oauth import (
    OAuthClient,
    OAuthCode,
    OAuthGrant,
    OAuthRefreshToken,
    OAuthSession,
    OAuthSigningKey,
)
from storage.models.requests import IdempotencyRecord
from storage.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "AuditEvent",
    "Base",
    "Collection",
    "File",
    "FileCount",
    "FileShare",
    "CollectionIndex",
    "IdempotencyRecord",
    "LoginSession",
    "LoginThrottle",
    "OAuthClient",
    "OAuthCode",
    "OAuthGrant",
    "OAuthRefreshToken",
    "OAuthSession",
    "OAuthSigningKey",
    "OneTimeCode",
    "Organization",
    "OutboxEvent",
    "Plan",
    "Record",
    "RecoveryCode",
    "RefreshToken",
    "UTCDateTime",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
