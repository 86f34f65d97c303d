"""Audit trail repositories (the outbox is written through `add`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import (
    AuditEvent,
)
from storage.repositories.common import ordering, rowcount


async def delete_audit_before(session: Session, cutoff: datetime) -> int:
    result = await session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff))
    return rowcount(result) or 0


async def query_audit_events(
    session: Session,
    *,
    organization_id: str | None,
    livemode: bool | None,
    actor_id: str | None,
    action: str | None,
    resource_type: str | None,
    resource_id: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
    sort: str = "created_at",
    order: str = "desc",
) -> tuple[list[AuditEvent], int]:
    conditions = []
    if organization_id is not None:
        conditions.append(AuditEvent.organization_id == organization_id)
    if livemode is not None:
        conditions.append(AuditEvent.livemode == livemode)
    for column, value in (
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.action, action),
        (AuditEvent.resource_type, resource_type),
        (AuditEvent.resource_id, resource_id),
    ):
        if value is not None:
            conditions.append(column == value)
    if since is not None:
        conditions.append(AuditEvent.created_at >= since)
    if until is not None:
        conditions.append(AuditEvent.created_at < until)
    total = (
        await session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    )
    rows = (
        await session.scalars(
            select(AuditEvent)
            .where(*conditions)
            .order_by(*ordering(AuditEvent, sort, order))
            .limit(limit)
            .offset(offset)
        )
    ).all()
    return list(rows), total


async def get_audit_event(session: Session, event_id: str) -> AuditEvent | None:
    return await session.get(AuditEvent, event_id)
