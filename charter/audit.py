"""Audit events and outbox events, written inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from charter import runtime
from charter.clock import isoformat, new_id, utcnow
from charter.context import Actor
from charter.errors import NotFound
from charter.paging import Page
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


def announce(
    session: Session,
    actor: Actor,
    *,
    event: str,
    resource_type: str,
    resource_id: str,
    organization_id: str,
    livemode: bool = True,
    details: dict[str, Any],
    payload: dict[str, Any],
) -> None:
    """Audit a change and queue the event that announces it, both in the change's transaction."""
    record(
        session,
        actor,
        action=event,
        resource_type=resource_type,
        resource_id=resource_id,
        organization_id=organization_id,
        details=details,
        livemode=livemode,
    )
    publish(
        session,
        event_type=event,
        organization_id=organization_id,
        livemode=livemode,
        payload=payload,
    )


def to_dict(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "action": event.action,
        "actor": {"type": event.actor_type, "id": event.actor_id},
        "resource": {"type": event.resource_type, "id": event.resource_id},
        "organization_id": event.organization_id,
        "ip": event.ip,
        "request_id": event.request_id,
        "details": event.details or {},
        "created_at": isoformat(event.created_at),
    }


def _scope_of(actor: Actor) -> tuple[str, bool | None]:
    """(organization, mode filter): live credentials see all events, sandbox ones sandbox events."""
    principal = actor.require()
    return principal.organization_id, None if principal.livemode else False


def query(actor: Actor, *, limit: int, offset: int, **filters: Any):
    """The caller's organization's audit trail, newest first (read only: no API changes it)."""
    organization_id, livemode = _scope_of(actor)
    with runtime.current().db.transaction() as session:
        rows, total = repo.query_audit_events(
            session,
            organization_id=organization_id,
            livemode=livemode,
            limit=limit,
            offset=offset,
            **filters,
        )
        return Page([to_dict(e) for e in rows], total, limit, offset)


def get(actor: Actor, event_id: str) -> dict[str, Any]:
    organization_id, livemode = _scope_of(actor)
    with runtime.current().db.transaction() as session:
        event = repo.get_audit_event(session, event_id)
        if (
            event is None
            or event.organization_id != organization_id
            or (livemode is False and event.livemode)
        ):
            raise NotFound("Audit event not found")
        return to_dict(event)
