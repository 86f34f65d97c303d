"""The audit trail: who did what, from where, written in the transaction of the change it
describes; read back per organization (append-only: no API changes it)."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import outbox
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import NotFound
from charter.platform.paging import Page
from storage.models import AuditEvent
from storage.repositories import events as repo
from storage.repositories.common import add


class Tenant(Protocol):
    @property
    def organization_id(self) -> str: ...
    @property
    def livemode(self) -> bool: ...


class Attribution(Protocol):
    """Who acts, as the audit trail records it (`charter.identity.principals.Actor`)."""

    @property
    def actor_type(self) -> str: ...
    @property
    def actor_id(self) -> str | None: ...
    @property
    def ip(self) -> str | None: ...
    @property
    def request_id(self) -> str | None: ...
    def require(self) -> Tenant: ...


async def record(
    session: AsyncSession,
    actor: Attribution,
    *,
    action: str,
    resource_type: str,
    resource_id: str | None,
    organization_id: str | None,
    details: dict[str, Any] | None = None,
    livemode: bool = True,
) -> None:
    """Write the audit row; it commits or rolls back with the change it describes."""
    await add(
        session,
        new_event(actor, action, resource_type, resource_id, organization_id, details, livemode),
    )


def new_event(
    actor: Attribution,
    action: str,
    resource_type: str,
    resource_id: str | None,
    organization_id: str | None,
    details: dict[str, Any] | None,
    livemode: bool,
) -> AuditEvent:
    """The one constructor of an audit row."""
    return AuditEvent(
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
    )


async def announce(
    session: AsyncSession,
    actor: Attribution,
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
    await record(
        session,
        actor,
        action=event,
        resource_type=resource_type,
        resource_id=resource_id,
        organization_id=organization_id,
        details=details,
        livemode=livemode,
    )
    await outbox.enqueue(
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


def _scope_of(actor: Attribution) -> tuple[str, bool | None]:
    """(organization, mode filter): live credentials see all events, sandbox ones sandbox events."""
    caller = actor.require()
    return caller.organization_id, None if caller.livemode else False


async def query(
    session: AsyncSession, actor: Attribution, *, limit: int, offset: int, **filters: Any
) -> Page:
    """The caller's organization's audit trail, newest first."""
    organization_id, livemode = _scope_of(actor)
    rows, total = await repo.query_audit_events(
        session,
        organization_id=organization_id,
        livemode=livemode,
        limit=limit,
        offset=offset,
        **filters,
    )
    return Page([to_dict(e) for e in rows], total, limit, offset)


async def get(session: AsyncSession, actor: Attribution, event_id: str) -> dict[str, Any]:
    organization_id, livemode = _scope_of(actor)
    event = await repo.get_audit_event(session, event_id)
    if (
        event is None
        or event.organization_id != organization_id
        or (livemode is False and event.livemode)
    ):
        raise NotFound("Audit event not found")
    return to_dict(event)
