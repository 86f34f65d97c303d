"""Reading the transactional outbox in commit order (the event stream, charter.webhooks.stream),
and its retention.

The autoincrement `id` is the position: every query is a range of the primary key. Retained rows
are always a suffix of the positions ever written (retention deletes the oldest first and keeps
the newest row), so an event that still exists has every later event beside it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import OutboxEvent
from storage.repositories.common import rowcount

# PostgreSQL: the top-level transactions in progress (they may still commit outbox rows at
# positions below ones already visible). Each statement of an autocommit read has its own
# snapshot, so rows read after this statement include every transaction it shows as ended.
_RUNNING = text("SELECT pg_snapshot_xip(pg_current_snapshot())::text")


async def running_transactions(session: Session) -> frozenset[int] | None:
    """The ids of the writing transactions in progress (PostgreSQL), None on SQLite, whose one
    writer at a time makes positions visible in commit order."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return frozenset(int(xid) for xid in (await session.scalars(_RUNNING)).all())


async def newest_position(session: Session) -> int:
    return int(await session.scalar(select(func.max(OutboxEvent.id))) or 0)


async def oldest_position(session: Session) -> int | None:
    position = await session.scalar(select(func.min(OutboxEvent.id)))
    return None if position is None else int(position)


async def events_after(session: Session, position: int, limit: int) -> list[OutboxEvent]:
    """The first `limit` events past `position`, in position order (every organization)."""
    query = (
        select(OutboxEvent).where(OutboxEvent.id > position).order_by(OutboxEvent.id).limit(limit)
    )
    return list((await session.scalars(query)).all())


async def organization_events(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    event_types: list[str],
    after: int,
    upto: int,
    limit: int,
) -> list[OutboxEvent]:
    """Up to `limit` events of one organization and mode in (after, upto], in position order.
    The caller keeps `upto - after` small: the range of the primary key bounds the scan."""
    query = (
        select(OutboxEvent)
        .where(
            OutboxEvent.id > after,
            OutboxEvent.id <= upto,
            OutboxEvent.organization_id == organization_id,
            OutboxEvent.livemode == livemode,
            OutboxEvent.event_type.in_(event_types),
        )
        .order_by(OutboxEvent.id)
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


async def find_event(session: Session, event_id: str) -> OutboxEvent | None:
    return await session.scalar(select(OutboxEvent).where(OutboxEvent.event_id == event_id))


async def purge_published_before(session: Session, before: datetime, limit: int) -> int:
    """Delete up to `limit` of the oldest events, all published before `before`; the deleted
    stay a prefix of the positions (the oldest event still unpublished or published since
    `before` bounds them) and the newest event is kept (SQLite would reuse its position)."""
    boundary = await session.scalar(
        select(func.min(OutboxEvent.id)).where(
            or_(OutboxEvent.published_at.is_(None), OutboxEvent.published_at >= before)
        )
    )
    if boundary is None:
        boundary = await newest_position(session)
    ids = (
        select(OutboxEvent.id)
        .where(OutboxEvent.id < boundary)
        .order_by(OutboxEvent.id)
        .limit(limit)
        .scalar_subquery()
    )
    result = await session.execute(delete(OutboxEvent).where(OutboxEvent.id.in_(ids)))
    return rowcount(result)
