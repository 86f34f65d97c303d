"""Seed 000's batch operations on a collection: create up to 1,000 records, delete up to 1,000.

Batch create checks every item on its own first (its shape, its `ttl`, and the collection's
rules through `records.admit`), then writes the valid ones with one multi-row INSERT and their
`record.created` events with one more, in the caller's transaction: a thousand records cost two
statements, not a thousand flushes. An invalid item is reported with the error it would have had
alone, its fields renamed under `body.records.<index>`; with `atomic`, one invalid item and
nothing is written.

Batch delete removes the live records among the ids with one DELETE ... RETURNING and announces
`record.deleted` for each one deleted, again with one INSERT.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.data import records
from charter.identity.principals import Actor
from charter.platform.clock import _ALPHABET, isoformat, utcnow
from charter.platform.errors import CharterError, FieldError, Invalid
from storage.repositories import records as repo

ID_LENGTH = 16  # as charter.platform.clock.new_id
# Random bytes below 232 (4 x 58) map onto the id alphabet without bias; the rest are dropped.
_UNBIASED = len(_ALPHABET) * (256 // len(_ALPHABET))
_TO_ALPHABET = bytes(ord(_ALPHABET[b % len(_ALPHABET)]) for b in range(_UNBIASED)).ljust(256, b"?")
_DROPPED = bytes(range(_UNBIASED, 256))
MAX_ITEMS = 1000  # this operation's own limit (seed 000); CHARTER_MAX_BATCH_ITEMS is users'
ITEM_FIELDS = ("data", "metadata", "ttl")


@dataclass
class BatchOutcome:
    records: list[dict[str, Any]] = field(default_factory=list)  # as the API shows them
    errors: list[tuple[int, CharterError]] = field(default_factory=list)


async def create_many(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    items: list[Any],
    *,
    atomic: bool = False,
) -> BatchOutcome:
    _, scope = records.scope_of(actor, collection)
    if len(items) > MAX_ITEMS:
        raise Invalid(f"At most {MAX_ITEMS} records per batch", field="body.records")
    now = utcnow()
    rows, outcome = [], BatchOutcome()
    ids = new_ids("rec", len(items))
    for index, item in enumerate(items):
        try:
            rows.append(await _row(session, scope, item, now, next(ids)))
        except CharterError as error:
            outcome.errors.append((index, _under_item(error, index)))
    if outcome.errors and atomic:
        return outcome
    event_ids = new_ids("evt", len(rows))
    events = [
        _event(scope, row["id"], next(event_ids), "record.created", row["data"], now)
        for row in rows
    ]
    await repo.insert_records(session, rows, events)
    stamp = isoformat(now)
    outcome.records = [_shown(row, stamp) for row in rows]
    return outcome


async def delete_many(
    session: AsyncSession, actor: Actor, collection: str, ids: list[str]
) -> tuple[list[str], list[str]]:
    """(ids deleted, ids not found), each in request order, an id named twice counted once."""
    _, scope = records.scope_of(actor, collection)
    if len(ids) > MAX_ITEMS:
        raise Invalid(f"At most {MAX_ITEMS} ids per batch", field="body.ids")
    unique = list(dict.fromkeys(ids))
    now = utcnow()
    gone = set(await repo.delete_records(session, ids=unique, now=now, **scope))
    deleted = [record_id for record_id in unique if record_id in gone]
    event_ids = new_ids("evt", len(deleted))
    events = [
        _event(scope, record_id, next(event_ids), "record.deleted", {}, now)
        for record_id in deleted
    ]
    await repo.insert_records(session, [], events)
    return deleted, [record_id for record_id in unique if record_id not in gone]


async def _row(
    session: AsyncSession, scope: dict[str, Any], item: Any, now: datetime, record_id: str
) -> dict[str, Any]:
    """The item as the columns of a new record, or the error that refuses it."""
    if not isinstance(item, dict):
        raise Invalid("Each item is an object with data", field="body")
    unknown = [name for name in item if name not in ITEM_FIELDS]
    if unknown:
        name = str(unknown[0])[:64]
        raise Invalid(f"{name!r} is not a known field", field=f"body.{name}")
    data, metadata, ttl = item.get("data"), item.get("metadata", {}), item.get("ttl")
    if not isinstance(data, dict):
        message = "data is required" if "data" not in item else "data must be an object"
        raise Invalid(message, field="body.data")
    if not isinstance(metadata, dict):
        raise Invalid("metadata must be an object", field="body.metadata")
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int)):
        raise Invalid("ttl must be an integer", field="body.ttl")
    return {
        "id": record_id,
        **scope,
        "data": await records.admit(session, scope, data),
        "metadata": metadata,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "expires_at": records.expiry(ttl),
    }


def _shown(row: dict[str, Any], stamp: str | None) -> dict[str, Any]:
    """A new record as `records.to_dict` shows one (its times all `stamp`)."""
    body = {
        "id": row["id"],
        "collection": row["collection"],
        "data": row["data"],
        "metadata": row["metadata"],
        "created_at": stamp,
        "updated_at": stamp,
    }
    if row["expires_at"] is not None:
        body["expires_at"] = isoformat(row["expires_at"])
    return body


def _under_item(error: CharterError, index: int) -> CharterError:
    """The error with its fields named from the batch body (`body.data` ->
    `body.records.3.data`)."""
    prefix = f"body.records.{index}"
    error.errors = [
        FieldError(prefix + e.field.removeprefix("body") if e.field.startswith("body") else e.field,
                   e.message)
        for e in error.errors
    ]  # fmt: skip
    return error


def _event(
    scope: dict[str, Any],
    record_id: str,
    event_id: str,
    event: str,
    changes: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """An outbox row as charter.events.outbox.enqueue writes it, with records._announce's
    payload."""
    return {
        "event_id": event_id,
        "organization_id": scope["organization_id"],
        "livemode": scope["livemode"],
        "event_type": event,
        "payload": {"collection": scope["collection"], "record_id": record_id, "changes": changes},
        "created_at": now,
        "published_at": None,
    }


def new_ids(prefix: str, count: int) -> Iterator[str]:
    """`count` ids as `charter.platform.clock.new_id` makes them (`prefix_` and 16 characters of
    its alphabet, each uniformly random), from a few reads of the random source instead of one
    per id and a loop of big-number divisions per character."""
    chars = ""
    for _ in range(count):
        while len(chars) < ID_LENGTH:
            raw = secrets.token_bytes(max(64, ID_LENGTH * count * 5 // 4))
            chars += raw.translate(_TO_ALPHABET, _DROPPED).decode()
        yield f"{prefix}_{chars[:ID_LENGTH]}"
        chars = chars[ID_LENGTH:]
