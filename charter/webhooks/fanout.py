"""From the outbox to deliveries: each unpublished outbox event becomes one delivery per enabled
endpoint of its organization and mode that subscribes to it (and, for record events, to its
collection), in one transaction with marking the event published. A worker that dies before
the commit leaves the events unpublished for the next one; the unique (endpoint, event) pair
makes a second fan-out of the same event impossible.

The payload is seed 000/001/004's `{event, timestamp, data}` with the event's id, encrypted at
rest (it can carry PII: seed 004's `user.created` has the email).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform import crypto
from charter.platform.clock import isoformat, new_id, utcnow
from charter.webhooks import catalog
from storage.models import OutboxEvent, User
from storage.repositories import webhooks as repo

BATCH = 500
RECORD_EVENTS = [name for name, event in catalog.EVENTS.items() if event.record]
# Seed 004's user payload: user_id, email, created_at (and the username).
USER_EVENTS = ("user.created", "user.updated")


def message(event_id: str, event_type: str, timestamp: str | None, data: Any) -> dict[str, Any]:
    """The body a receiver gets, before its `signature` member is added."""
    return {"id": event_id, "event": event_type, "timestamp": timestamp, "data": data}


def encrypt_payload(payload: dict[str, Any]) -> str:
    return crypto.encrypt(json.dumps(payload, separators=(",", ":")))


def decrypt_payload(token: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(crypto.decrypt(token))
    return payload


def _data(event: OutboxEvent, users: dict[str, User]) -> dict[str, Any]:
    data = dict(event.payload or {})
    user = users.get(str(data.get("user_id"))) if event.event_type in USER_EVENTS else None
    if user is not None:
        data["email"] = crypto.decrypt(user.email_enc)
        data["created_at"] = isoformat(user.created_at)
    return data


async def fan_out(session: AsyncSession, limit: int = BATCH) -> int:
    """Turn up to `limit` outbox events into deliveries; the number of events taken."""
    event_ids = await repo.unpublished_event_ids(session, limit)
    if not event_ids:
        return 0
    now = utcnow()
    pairs = await repo.subscriptions(session, event_ids, RECORD_EVENTS)
    matched = {outbox_id for outbox_id, _ in pairs}
    by_id = {event.id: event for event in await repo.events_by_id(session, sorted(matched))}
    user_ids = [
        str(by_id[i].payload.get("user_id"))
        for i in matched
        if by_id[i].event_type in USER_EVENTS and by_id[i].payload.get("user_id")
    ]
    users = {user.id: user for user in await repo.users_by_id(session, user_ids)}
    payloads = {
        i: encrypt_payload(
            message(
                by_id[i].event_id,
                by_id[i].event_type,
                isoformat(by_id[i].created_at),
                _data(by_id[i], users),
            )
        )
        for i in matched
    }
    rows = [
        new_delivery(endpoint_id, by_id[i].event_id, by_id[i].event_type, payloads[i], now)
        for i, endpoint_id in pairs
    ]
    await repo.insert_deliveries(session, rows)
    await repo.mark_published(session, event_ids, now)
    return len(event_ids)


def new_delivery(
    endpoint_id: str, event_id: str, event_type: str, payload_enc: str, now: Any
) -> dict[str, Any]:
    """The one constructor of a delivery row (column names as keys), due at once."""
    return {
        "id": new_id("whd"),
        "endpoint_id": endpoint_id,
        "event_id": event_id,
        "event_type": event_type,
        "payload_enc": payload_enc,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "lease_owner": None,
        "lease_until": None,
        "last_status_code": None,
        "last_error": None,
        "delivered_at": None,
        "created_at": now,
        "updated_at": now,
    }
