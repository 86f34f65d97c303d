"""The delivery log of an endpoint (each delivery with every attempt: time, status code,
duration, error, the first KiB of the answer), redelivery of one delivery and the test ping."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.identity.principals import Actor, Principal
from charter.platform import runtime
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, NotFound
from charter.platform.paging import Page
from charter.webhooks import catalog, fanout
from charter.webhooks.endpoints import get_or_raise
from storage.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from storage.repositories import webhooks as repo


def attempt_dict(attempt: WebhookAttempt) -> dict[str, Any]:
    return {
        "attempted_at": isoformat(attempt.attempted_at),
        "status_code": attempt.status_code,
        "duration_ms": attempt.duration_ms,
        "error": attempt.error,
        "response_excerpt": attempt.response_excerpt,
    }


def to_dict(
    delivery: WebhookDelivery, attempts: list[WebhookAttempt], principal: Principal
) -> dict[str, Any]:
    """A delivery as the log shows it; its payload is left out for a caller without the scope
    that reads its event, as a subscription to that event would be refused to them."""
    shown: dict[str, Any] = {
        "id": delivery.id,
        "webhook_id": delivery.endpoint_id,
        "event_id": delivery.event_id,
        "event": delivery.event_type,
        "status": delivery.status,
        "attempt_count": delivery.attempts,
        "next_attempt_at": isoformat(delivery.next_attempt_at)
        if delivery.status == "pending"
        else None,
        "delivered_at": isoformat(delivery.delivered_at),
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "created_at": isoformat(delivery.created_at),
        "attempts": [attempt_dict(a) for a in attempts],
    }
    if principal.has_scopes((catalog.scope_of(delivery.event_type),)):
        shown["payload"] = fanout.decrypt_payload(delivery.payload_enc)
    return shown


async def list_deliveries(
    session: AsyncSession,
    actor: Actor,
    endpoint_id: str,
    *,
    status: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """The endpoint's deliveries, newest first, each with its attempts (oldest first)."""
    endpoint = await get_or_raise(session, actor, endpoint_id)
    rows, total = await repo.list_deliveries(
        session, endpoint.id, status=status, limit=limit, offset=offset
    )
    attempts: dict[str, list[WebhookAttempt]] = {row.id: [] for row in rows}
    for attempt in await repo.attempts_of(session, list(attempts)):
        attempts[attempt.delivery_id].append(attempt)
    principal = actor.require()
    items = [to_dict(row, attempts[row.id], principal) for row in rows]
    return Page(items, total, limit, offset)


async def _one(session: AsyncSession, actor: Actor, delivery_id: str) -> dict[str, Any]:
    delivery = await repo.get_delivery(session, delivery_id)
    if delivery is None:
        raise NotFound("Delivery not found")
    return to_dict(delivery, await repo.attempts_of(session, [delivery.id]), actor.require())


def _require_enabled(endpoint: WebhookEndpoint) -> None:
    if endpoint.status != "enabled":
        raise Conflict("The webhook is disabled: enable it first")


async def redeliver(
    session: AsyncSession, actor: Actor, endpoint_id: str, delivery_id: str
) -> dict[str, Any]:
    """Send a delivery again now, with the same `webhook-id` (one more attempt; a delivery
    that was still being retried keeps its schedule afterwards)."""
    endpoint = await get_or_raise(session, actor, endpoint_id)
    delivery = await repo.get_delivery(session, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise NotFound("Delivery not found")
    _require_enabled(endpoint)
    now = utcnow()
    if delivery.lease_until is not None and delivery.lease_until > now:
        raise Conflict("The delivery is being attempted right now")
    delivery.status, delivery.next_attempt_at, delivery.updated_at = "pending", now, now
    await session.flush()
    return await _one(session, actor, delivery.id)


async def ping(session: AsyncSession, actor: Actor, endpoint_id: str) -> dict[str, Any]:
    """Queue a `webhook.ping` delivery to this endpoint, whatever it subscribes to."""
    endpoint = await get_or_raise(session, actor, endpoint_id)
    _require_enabled(endpoint)
    now = utcnow()
    event_id = new_id("evt")
    payload = fanout.message(event_id, catalog.PING, isoformat(now), {"webhook_id": endpoint.id})
    row = fanout.new_delivery(
        endpoint.id, event_id, catalog.PING, fanout.encrypt_payload(payload), now
    )
    await repo.insert_deliveries(session, [row])
    return await _one(session, actor, row["id"])


PURGE_BATCH = 5000


async def purge_finished(session: AsyncSession, now: datetime) -> int:
    """Finished deliveries (succeeded or given up) older than
    CHARTER_WEBHOOK_DELIVERY_RETENTION_DAYS leave the delivery log with their attempts, a batch
    per maintenance pass."""
    days = runtime.current().settings.webhook_delivery_retention_days
    return await repo.purge_finished_deliveries(
        session, now - timedelta(days=days), limit=PURGE_BATCH
    )
