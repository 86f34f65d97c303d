"""Failed-login counters: on the user row for a real username, in a throttle row for a name
nobody has; the same columns and the same compare-and-set either way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import LoginThrottle, User
from storage.repositories.common import rowcount

Counted = type[User] | type[LoginThrottle]


def _key(model: Counted) -> Any:
    return User.id if model is User else LoginThrottle.subject


async def get_throttle(session: Session, subject: str, now: datetime) -> LoginThrottle:
    """The throttle row of a username nobody has, created on first use (one upsert statement,
    so an unknown name costs the same round trips as a real one)."""
    dialect = session.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    await session.execute(
        insert(LoginThrottle)
        .values(subject=subject, failed_logins=0, lock_count=0, updated_at=now)
        .on_conflict_do_nothing(index_elements=["subject"])
    )
    return cast(LoginThrottle, await session.get(LoginThrottle, subject))


async def count_failure(
    session: Session, model: Counted, key: str, now: datetime, window_start: datetime
) -> tuple[int, datetime | None]:
    """Add one failed attempt (restarting the count outside the window).

    Returns the new count and the lock end as stored now (a concurrent request may have just
    locked it).
    """
    fresh = or_(model.first_failed_at.is_(None), model.first_failed_at < window_start)
    values: dict[str, Any] = {
        "failed_logins": case((fresh, 1), else_=model.failed_logins + 1),
        "first_failed_at": case((fresh, now), else_=model.first_failed_at),
    }
    if model is LoginThrottle:
        values["updated_at"] = now
    await session.execute(
        update(model)
        .where(_key(model) == key)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    row = (
        await session.execute(
            select(model.failed_logins, model.locked_until).where(_key(model) == key)
        )
    ).one()
    locked_until = row.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=UTC)
    return row.failed_logins, locked_until


async def lock(
    session: Session, model: Counted, key: str, threshold: int, base_seconds: int, now: datetime
) -> datetime | None:
    """Lock if the count reached the threshold (once); the lock end, or None."""
    row = (
        await session.execute(
            select(model.failed_logins, model.lock_count).where(_key(model) == key)
        )
    ).one_or_none()
    if row is None or row.failed_logins < threshold:
        return None
    until = now + timedelta(seconds=base_seconds * 2 ** min(row.lock_count, 10))
    result = await session.execute(
        update(model)
        .where(_key(model) == key, model.failed_logins >= threshold)
        .values(
            locked_until=until,
            lock_count=model.lock_count + 1,
            failed_logins=0,
            first_failed_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    return until if rowcount(result) == 1 else None


async def delete_idle_throttles(session: Session, cutoff: datetime) -> int:
    """Throttles untouched since `cutoff` whose lock (if any) has ended."""
    result = await session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.updated_at < cutoff,
            or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < cutoff),
        )
    )
    return rowcount(result) or 0
