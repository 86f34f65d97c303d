"""Records of data collections: rows in, rows out; filters and sorts come compiled from
record_query. Every query is scoped to (organization, mode, collection) and skips expired rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import Record
from storage.repositories.common import rowcount


def _live(organization_id: str, livemode: bool, collection: str, now: datetime) -> list[Any]:
    return [
        Record.organization_id == organization_id,
        Record.livemode == livemode,
        Record.collection == collection,
        or_(Record.expires_at.is_(None), Record.expires_at > now),
    ]


async def get_record(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    collection: str,
    record_id: str,
    now: datetime,
) -> Record | None:
    query = select(Record).where(
        Record.id == record_id, *_live(organization_id, livemode, collection, now)
    )
    return (await session.scalars(query)).one_or_none()


async def query_records(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    collection: str,
    now: datetime,
    conditions: list[ColumnElement[bool]],
    order_by: list[ColumnElement[Any]],
    limit: int,
    offset: int,
) -> tuple[list[Record], int]:
    where = [*_live(organization_id, livemode, collection, now), *conditions]
    rows = await session.scalars(
        select(Record).where(*where).order_by(*order_by).limit(limit).offset(offset)
    )
    total = await session.scalar(select(func.count()).select_from(Record).where(*where)) or 0
    return list(rows.all()), total


async def delete_expired_records(
    session: Session, now: datetime, limit: int = 5000
) -> list[Record]:
    """Expired records (at most `limit`), deleted; the rows, for their events."""
    rows = list(
        (
            await session.scalars(
                select(Record)
                .where(Record.expires_at <= now)
                .order_by(Record.expires_at)
                .limit(limit)
            )
        ).all()
    )
    if rows:
        await session.execute(delete(Record).where(Record.id.in_([r.id for r in rows])))
    return rows


async def delete_record(session: Session, record: Record) -> bool:
    result = await session.execute(
        delete(Record).where(Record.id == record.id, Record.version == record.version)
    )
    return rowcount(result) == 1
