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
