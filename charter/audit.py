"""Audit events and outbox events, written inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from charter.clock import new_id, utcnow
from charter.context import Actor
from storage import repositories as repo
from storage.models import AuditEvent, OutboxEvent


def record(
    session: Session,
    actor: Actor,
    *,
    action: str,
    resource_type: str,
    resource_id: str | None,
    organization_id: str | None,
    details: dict[str, Any] | None = None,
    livemode: bool = True,
) -> None:
    """Write the audit row; it commits or rolls back with the change it describes."""
    repo.add(
        session,
        AuditEvent(
            id=new_id("aud"),
            organization_id=organization_id,
            livemode=livemode,
            actor_type=actor.actor_type,
            actor_id=actor.actor_id,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            ip=actor.ip,
            request_id=actor.request_id,
            details=details or {},
            created_at=utcnow(),
        ),
    )


def publish(
    session: Session,
    *,
    event_type: str,
    organization_id: str | None,
    payload: dict[str, Any],
    livemode: bool = True,
) -> None:
    """Queue an event in the outbox, in the same transaction as the change it announces."""
    now = utcnow()
    repo.add(
        session,
        OutboxEvent(
            event_id=new_id("evt"),
            organization_id=organization_id,
            livemode=livemode,
            event_type=event_type,
            payload=payload,
            created_at=now,
            published_at=None,
        ),
    )
