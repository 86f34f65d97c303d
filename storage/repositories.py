"""Repositories: take a session and keyword arguments, return rows. No rules live here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import (
    ApiKey,
    AuditEvent,
    IdempotencyRecord,
    Organization,
    OutboxEvent,
    Plan,
    User,
)

# organizations -------------------------------------------------------------------------------


def get_organization(session: Session, organization_id: str) -> Organization | None:
    return session.get(Organization, organization_id)


def list_organizations(
    session: Session, *, only_id: str | None, limit: int, offset: int
) -> tuple[list[Organization], int]:
    query = select(Organization)
    count = select(func.count()).select_from(Organization)
    if only_id is not None:
        query = query.where(Organization.id == only_id)
        count = count.where(Organization.id == only_id)
    rows = session.scalars(
        query.order_by(Organization.created_at.desc(), Organization.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), session.scalar(count) or 0


def add(session: Session, row: Any) -> Any:
    session.add(row)
    session.flush()
    return row


def delete_organization(session: Session, organization: Organization) -> None:
    # Explicit deletes keep SQLite (foreign keys are per-connection) and PostgreSQL alike.
    session.execute(delete(ApiKey).where(ApiKey.organization_id == organization.id))
    session.execute(delete(User).where(User.organization_id == organization.id))
    session.delete(organization)
    session.flush()


def get_plan(session: Session, name: str) -> Plan | None:
    return session.get(Plan, name)


# users and keys --------------------------------------------------------------------------------


def get_user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def get_user(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def get_api_key_by_hash(session: Session, key_hash: bytes) -> ApiKey | None:
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))


def touch_api_key(session: Session, key_id: str, when: datetime) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))


def get_api_key(session: Session, key_id: str) -> ApiKey | None:
    return session.get(ApiKey, key_id)


# audit and outbox ------------------------------------------------------------------------------


def list_audit_events(session: Session, *, organization_id: str | None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc())
    if organization_id is not None:
        query = query.where(AuditEvent.organization_id == organization_id)
    return list(session.scalars(query).all())


def list_outbox(session: Session, *, event_type: str | None = None) -> list[OutboxEvent]:
    query = select(OutboxEvent).order_by(OutboxEvent.id)
    if event_type is not None:
        query = query.where(OutboxEvent.event_type == event_type)
    return list(session.scalars(query).all())


def delete_audit_before(session: Session, cutoff: datetime) -> int:
    return session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff)).rowcount or 0


# idempotency -----------------------------------------------------------------------------------


def get_idempotency(session: Session, principal: str, key: str) -> IdempotencyRecord | None:
    return session.get(IdempotencyRecord, (principal, key))


def delete_idempotency(session: Session, principal: str, key: str) -> None:
    session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
        )
    )


def delete_expired_idempotency(session: Session, now: datetime) -> int:
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at < now))
    return result.rowcount or 0
