"""Test-only reads of the database, through the synchronous engine (outside any event loop)."""

from __future__ import annotations

from sqlalchemy import select

from charter.platform import runtime
from storage.models import AuditEvent, OutboxEvent


def transaction():
    return runtime.current().db.sync_transaction()


def list_audit_events(session, *, organization_id: str | None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if organization_id is not None:
        query = query.where(AuditEvent.organization_id == organization_id)
    return list(session.scalars(query).all())


def list_outbox(session, *, event_type: str | None = None) -> list[OutboxEvent]:
    query = select(OutboxEvent).order_by(OutboxEvent.id)
    if event_type is not None:
        query = query.where(OutboxEvent.event_type == event_type)
    return list(session.scalars(query).all())


def idempotency_record(principal: str, key: str):
    from storage.models import IdempotencyRecord

    with transaction() as session:
        return session.get(IdempotencyRecord, (principal, key))


def age_idempotency_record(principal: str, key: str, *, seconds: float) -> None:
    """Move an idempotency record's expiry into the past by `seconds` (time passing)."""
    from datetime import timedelta

    from storage.models import IdempotencyRecord

    with transaction() as session:
        record = session.get(IdempotencyRecord, (principal, key))
        record.expires_at -= timedelta(seconds=seconds)


def user_state(user_id: str) -> dict | None:
    """What a takeover would change about a user, read from the database (None once deleted)."""
    from charter.platform import crypto
    from storage.models import User

    with transaction() as session:
        user = session.get(User, user_id)
        if user is None:
            return None
        return {
            "username": user.username,
            "email": crypto.decrypt(user.email_enc),
            "phone": crypto.decrypt(user.phone_enc),
            "roles": sorted(user.roles or []),
            "status": user.status,
            "is_superuser": user.is_superuser,
            "password_hash": user.password_hash,
            "mfa_enabled": user.mfa_enabled,
            "locked_until": user.locked_until,
            "updated_at": user.updated_at,
        }


def key_state(key_id: str) -> dict | None:
    """What rolling, changing or revoking would change about an API key (None if absent)."""
    from storage.models import ApiKey

    with transaction() as session:
        key = session.get(ApiKey, key_id)
        if key is None:
            return None
        return {
            "name": key.name,
            "user_id": key.user_id,
            "scopes": sorted(key.scopes or []),
            "ip_ranges": list(key.ip_ranges or []),
            "is_superuser": key.is_superuser,
            "expires_at": key.expires_at,
            "revoked_at": key.revoked_at,
        }


def count_organizations(name: str) -> int:
    """Organizations with exactly this name, across the platform."""
    from sqlalchemy import func

    from storage.models import Organization

    with transaction() as session:
        return session.scalar(
            select(func.count()).select_from(Organization).where(Organization.name == name)
        )


def count_keys(organization_id: str) -> int:
    from sqlalchemy import func

    from storage.models import ApiKey

    with transaction() as session:
        query = select(func.count()).select_from(ApiKey)
        return session.scalar(query.where(ApiKey.organization_id == organization_id))
