"""Webhook repositories: endpoints, the outbox fan-out, failure streaks and the delivery log.
Subscriptions are matched in SQL (JSONB `@>` on PostgreSQL, `json_each` on SQLite). Claims of
due deliveries and the recording of attempts are in storage.repositories.webhook_claims."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import (
    OutboxEvent,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from storage.repositories.common import rowcount

Endpoint = WebhookEndpoint
Delivery = WebhookDelivery


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _contains(session: Session, array: Any, value: Any) -> ColumnElement[bool]:
    """Whether the JSON array column `array` holds the string `value`."""
    if _dialect(session) == "postgresql":
        found: ColumnElement[bool] = array.op("@>", return_type=Boolean)(
            func.jsonb_build_array(value)
        )
        return found
    items = func.json_each(array).table_valued("value").alias("items")
    return exists(select(literal(1)).select_from(items).where(items.c.value == value))


def _empty(session: Session, array: Any) -> ColumnElement[bool]:
    if _dialect(session) == "postgresql":
        return func.jsonb_array_length(array) == 0
    return func.json_array_length(array) == 0


# endpoints -------------------------------------------------------------------------------------


async def list_endpoints(
    session: Session, *, organization_id: str, livemode: bool, limit: int, offset: int
) -> tuple[list[WebhookEndpoint], int]:
    scope = (Endpoint.organization_id == organization_id, Endpoint.livemode == livemode)
    total = await session.scalar(select(func.count()).select_from(Endpoint).where(*scope)) or 0
    rows = await session.scalars(
        select(Endpoint)
        .where(*scope)
        .order_by(Endpoint.created_at.desc(), Endpoint.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows.all()), total


async def get_endpoint(session: Session, endpoint_id: str) -> WebhookEndpoint | None:
    return await session.get(Endpoint, endpoint_id)


async def disable_endpoint(session: Session, endpoint_id: str, reason: str, now: datetime) -> Any:
    """Move an enabled endpoint to disabled in one conditional UPDATE; the endpoint's row (with
    `failing_since`) when this call made the change, None when it was not enabled, so of
    several workers failing at once exactly one announces it."""
    result = await session.execute(
        update(Endpoint)
        .where(Endpoint.id == endpoint_id, Endpoint.status == "enabled")
        .values(status="disabled", disabled_reason=reason, disabled_at=now, updated_at=now)
        .returning(
            Endpoint.id,
            Endpoint.url,
            Endpoint.organization_id,
            Endpoint.livemode,
            Endpoint.failing_since,
        )
        .execution_options(synchronize_session=False)
    )
    return result.first()


async def delete_endpoint(session: Session, endpoint_id: str) -> None:
    """Delete an endpoint with its deliveries and their attempts. Its deliveries are locked
    first, in id order, then the endpoint: the order a worker recording attempts takes them in
    (`hold`, then the endpoint's failure streak), so the two cannot deadlock (PostgreSQL answered
    a fuzzed DELETE 500 with the cascade taking the endpoint first)."""
    ids = list(
        (
            await session.scalars(
                select(Delivery.id)
                .where(Delivery.endpoint_id == endpoint_id)
                .order_by(Delivery.id)
                .with_for_update()
            )
        ).all()
    )
    for start in range(0, len(ids), 1000):
        batch = ids[start : start + 1000]
        await session.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(batch)))
        await session.execute(delete(Delivery).where(Delivery.id.in_(batch)))
    await session.execute(delete(Endpoint).where(Endpoint.id == endpoint_id))


async def resume_deliveries(
    session: Session, endpoint_id: str, now: datetime, *, created_after: datetime
) -> int:
    """Pending deliveries of a re-enabled endpoint made after `created_after` are due at once;
    older ones, whose retry window ran out while it was disabled, are given up (they can still
    be redelivered one by one). The deliveries are locked in id order before anything else is
    written, changes to the endpoint row included (see `delete_endpoint`)."""
    pending = (Delivery.endpoint_id == endpoint_id, Delivery.status == "pending")
    with session.no_autoflush:
        await session.execute(
            select(Delivery.id).where(*pending).order_by(Delivery.id).with_for_update()
        )
    await session.execute(
        update(Delivery)
        .where(*pending, Delivery.created_at <= created_after)
        .values(
            status="failed",
            next_attempt_at=None,
            last_error="Expired: the endpoint was disabled past the retry window",
            updated_at=now,
        )
    )
    result = await session.execute(
        update(Delivery).where(*pending).values(next_attempt_at=now, updated_at=now)
    )
    return rowcount(result)


async def purge_finished_deliveries(session: Session, before: datetime, limit: int) -> int:
    """Delete up to `limit` succeeded or given-up deliveries last changed before `before`, with
    their attempts; how many deliveries went."""
    ids = list(
        (
            await session.scalars(
                select(Delivery.id)
                .where(Delivery.status != "pending", Delivery.updated_at < before)
                .limit(limit)
            )
        ).all()
    )
    if ids:
        await session.execute(delete(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(ids)))
        await session.execute(delete(Delivery).where(Delivery.id.in_(ids)))
    return len(ids)


# fan-out ---------------------------------------------------------------------------------------


async def unpublished_event_ids(session: Session, limit: int) -> list[int]:
    """The oldest outbox events no fan-out has taken yet, locked against other workers: their
    row ids only (most events have no subscriber, and need no more than marking)."""
    return list((await session.scalars(_UNPUBLISHED, {"b_limit": limit})).all())


async def events_by_id(session: Session, event_ids: list[int]) -> list[OutboxEvent]:
    if not event_ids:
        return []
    query = select(OutboxEvent).where(OutboxEvent.id.in_(event_ids))
    return list((await session.scalars(query)).all())


async def has_unpublished_events(session: Session) -> bool:
    """Whether any outbox event waits for a fan-out (a read: no write lock when there is none)."""
    return await session.scalar(_ANY_UNPUBLISHED) is not None


# Built once: a worker asks these many times a second.
_UNPUBLISHED = (
    select(OutboxEvent.id)
    .where(OutboxEvent.published_at.is_(None))
    .order_by(OutboxEvent.id)
    .limit(bindparam("b_limit"))
    .with_for_update(skip_locked=True)
)
_ANY_UNPUBLISHED = select(OutboxEvent.id).where(OutboxEvent.published_at.is_(None)).limit(1)


async def subscriptions(
    session: Session, event_ids: list[int], record_events: list[str]
) -> list[tuple[int, str]]:
    """(outbox row id, endpoint id) for every enabled endpoint of the event's organization and
    mode that subscribes to its type and, for record events, to its collection."""
    collection = OutboxEvent.payload["collection"].as_string()
    query = (
        select(OutboxEvent.id, Endpoint.id)
        .join(
            Endpoint,
            and_(
                Endpoint.organization_id == OutboxEvent.organization_id,
                Endpoint.livemode == OutboxEvent.livemode,
            ),
        )
        .where(
            OutboxEvent.id.in_(event_ids),
            Endpoint.status == "enabled",
            _contains(session, Endpoint.events, OutboxEvent.event_type),
            or_(
                OutboxEvent.event_type.not_in(record_events),
                _empty(session, Endpoint.collections),
                _contains(session, Endpoint.collections, collection),
            ),
        )
        .order_by(OutboxEvent.id, Endpoint.id)
    )
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def users_by_id(session: Session, user_ids: list[str]) -> list[User]:
    if not user_ids:
        return []
    return list((await session.scalars(select(User).where(User.id.in_(user_ids)))).all())


async def insert_deliveries(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(Delivery), rows)


async def mark_published(session: Session, event_ids: list[int], now: datetime) -> None:
    await session.execute(
        update(OutboxEvent).where(OutboxEvent.id.in_(event_ids)).values(published_at=now)
    )


async def note_success(session: Session, endpoint_id: str) -> None:
    await session.execute(
        update(Endpoint)
        .where(Endpoint.id == endpoint_id, Endpoint.failing_since.is_not(None))
        .values(failing_since=None)
    )


async def note_failure(session: Session, endpoint_id: str, now: datetime) -> datetime | None:
    """Start the endpoint's failure streak if none is running; when it started."""
    await session.execute(
        update(Endpoint)
        .where(Endpoint.id == endpoint_id, Endpoint.failing_since.is_(None))
        .values(failing_since=now)
    )
    since: datetime | None = await session.scalar(
        select(Endpoint.failing_since).where(Endpoint.id == endpoint_id)
    )
    return since


# the delivery log ------------------------------------------------------------------------------


async def list_deliveries(
    session: Session, endpoint_id: str, *, status: str | None, limit: int, offset: int
) -> tuple[list[WebhookDelivery], int]:
    conditions = [Delivery.endpoint_id == endpoint_id]
    if status is not None:
        conditions.append(Delivery.status == status)
    total = await session.scalar(select(func.count()).select_from(Delivery).where(*conditions))
    rows = await session.scalars(
        select(Delivery)
        .where(*conditions)
        .order_by(Delivery.created_at.desc(), Delivery.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows.all()), total or 0


async def attempts_of(session: Session, delivery_ids: list[str]) -> list[WebhookAttempt]:
    if not delivery_ids:
        return []
    query = (
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id.in_(delivery_ids))
        .order_by(WebhookAttempt.attempted_at, WebhookAttempt.id)
    )
    return list((await session.scalars(query)).all())


async def get_delivery(session: Session, delivery_id: str) -> WebhookDelivery | None:
    return await session.get(Delivery, delivery_id)
