"""Records of data collections (seed 000's data operations): create, get, replace, merge-patch,
delete and query, scoped to the caller's organization and mode.

A record carries a version: every write bumps it, answers send it as the ETag, and a write with
`If-Match` naming an older one is refused (412) instead of overwriting a change it never saw.
An expired record (`ttl`) is invisible at once to every read; the worker deletes it later.
Every write announces `record.created`, `record.updated` or `record.deleted` through the outbox,
in the same transaction, with the changed fields (seed 000's `changes`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from charter.data import filters
from charter.events import outbox
from charter.identity.principals import Actor, Principal
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, Invalid, NotFound, PreconditionFailed
from charter.platform.paging import Page
from storage.models import Record
from storage.repositories import record_query
from storage.repositories import records as repo
from storage.repositories.common import add

# Collections come into being on first write; their names follow this one pattern.
COLLECTION = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
MAX_TTL_SECONDS = 10 * 365 * 24 * 3600


def to_dict(record: Record, fields: list[record_query.Field] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": record.id,
        "collection": record.collection,
        "data": filters.project(record.data, fields) if fields else record.data,
        "metadata": record.meta,
        "created_at": isoformat(record.created_at),
        "updated_at": isoformat(record.updated_at),
    }
    if record.expires_at is not None:
        body["expires_at"] = isoformat(record.expires_at)
    return body


def etag(record: Record) -> str:
    return f'"{record.id}.{record.version}"'


def _scope(actor: Actor, collection: str) -> tuple[Principal, dict[str, Any]]:
    if not COLLECTION.match(collection):
        raise Invalid(
            "A collection name is a letter, then up to 63 letters, digits, '_' or '-'",
            field="path.collection",
        )
    p = actor.require()
    return p, {
        "organization_id": p.organization_id,
        "livemode": p.livemode,
        "collection": collection,
    }


def _expiry(ttl: int | None) -> Any:
    if ttl is None:
        return None
    if not 1 <= ttl <= MAX_TTL_SECONDS:
        raise Invalid(f"ttl is 1 to {MAX_TTL_SECONDS} seconds", field="body.ttl")
    return utcnow() + timedelta(seconds=ttl)


def _check_version(record: Record, if_match: str | None) -> None:
    if if_match is None:
        return
    wanted = {tag.strip() for tag in if_match.split(",")}
    if "*" not in wanted and etag(record) not in wanted:
        raise PreconditionFailed(f"The record is at version {etag(record)}")


async def _get_or_raise(
    session: AsyncSession, actor: Actor, collection: str, record_id: str
) -> Record:
    _, scope = _scope(actor, collection)
    record = await repo.get_record(session, record_id=record_id, now=utcnow(), **scope)
    if record is None:
        raise NotFound("Record not found")
    return record


async def create(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    *,
    data: dict[str, Any],
    metadata: dict[str, Any] | None = None,
    ttl: int | None = None,
) -> Record:
    _, scope = _scope(actor, collection)
    now = utcnow()
    record = await add(
        session,
        Record(
            id=new_id("rec"),
            data=data,
            meta=metadata or {},
            version=1,
            created_at=now,
            updated_at=now,
            expires_at=_expiry(ttl),
            **scope,
        ),
    )
    await _announce(session, record, "record.created", data)
    return record


async def get(session: AsyncSession, actor: Actor, collection: str, record_id: str) -> Record:
    return await _get_or_raise(session, actor, collection, record_id)


async def replace(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    record_id: str,
    *,
    data: dict[str, Any],
    metadata: dict[str, Any] | None,
    ttl: int | None = None,
    if_match: str | None = None,
    keep_metadata: bool = False,
) -> Record:
    """PUT: `data` and `metadata` replaced (an omitted `metadata` becomes `{}`, unless
    `keep_metadata`: /v1/data has no metadata to send)."""
    record = await _get_or_raise(session, actor, collection, record_id)
    _check_version(record, if_match)
    changes = _changes(record.data, data)
    record.data = data
    if not keep_metadata:
        record.meta = metadata or {}
    if ttl is not None:
        record.expires_at = _expiry(ttl)
    return await _save(session, record, changes)


async def patch(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    record_id: str,
    *,
    data: dict[str, Any] | None,
    metadata: dict[str, Any] | None,
    ttl: int | None = None,
    if_match: str | None = None,
) -> Record:
    """PATCH: a JSON merge patch (RFC 7396) of `data` and `metadata`."""
    record = await _get_or_raise(session, actor, collection, record_id)
    _check_version(record, if_match)
    new_data = merge_patch(record.data, data) if data is not None else record.data
    changes = _changes(record.data, new_data)
    record.data = new_data
    if metadata is not None:
        record.meta = merge_patch(record.meta, metadata)
    if ttl is not None:
        record.expires_at = _expiry(ttl)
    return await _save(session, record, changes)


async def delete(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    record_id: str,
    *,
    if_match: str | None = None,
) -> None:
    record = await _get_or_raise(session, actor, collection, record_id)
    _check_version(record, if_match)
    if not await repo.delete_record(session, record):
        raise Conflict("The record changed while it was being deleted; retry")
    await _announce(session, record, "record.deleted", {})


async def query(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    *,
    filter: str | None = None,
    sort: str = "created_at",
    order: str = "desc",
    limit: int = 20,
    offset: int = 0,
    fields: str | None = None,
) -> Page:
    _, scope = _scope(actor, collection)
    clauses = filters.parse_filter(filter) if filter else []
    sort_field = filters.parse_field(sort, param="sort")
    projection = filters.parse_fields(fields) if fields else None
    dialect = session.get_bind().dialect.name
    rows, total = await repo.query_records(
        session,
        now=utcnow(),
        conditions=[record_query.condition(c, dialect) for c in clauses],
        order_by=record_query.order_by(sort_field, order, dialect),
        limit=limit,
        offset=offset,
        **scope,
    )
    return Page([to_dict(r, projection) for r in rows], total, limit, offset)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge key by key, `null` removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Seed 000's `changes`: each top-level data field that changed, with its new value (null
    when removed)."""
    keys = set(before) | set(after)
    return {k: after.get(k) for k in sorted(keys) if before.get(k) != after.get(k)}


async def _save(session: AsyncSession, record: Record, changes: dict[str, Any]) -> Record:
    record.updated_at = utcnow()
    try:
        await session.flush()
    except StaleDataError:
        raise Conflict("The record changed while it was being updated; retry") from None
    await _announce(session, record, "record.updated", changes)
    return record


async def purge_expired(session: AsyncSession, now: datetime, limit: int = 5000) -> int:
    """The worker's part of TTL: delete up to `limit` expired records (reads stopped seeing them
    when they expired), each announced as `record.deleted` with `reason: "expired"`."""
    rows = await repo.delete_expired_records(session, now, limit)
    for record in rows:
        await _announce(session, record, "record.deleted", {}, reason="expired")
    return len(rows)


async def _announce(
    session: AsyncSession,
    record: Record,
    event: str,
    changes: dict[str, Any],
    reason: str | None = None,
) -> None:
    payload = {"collection": record.collection, "record_id": record.id, "changes": changes}
    if reason is not None:
        payload["reason"] = reason
    await outbox.enqueue(
        session,
        event_type=event,
        organization_id=record.organization_id,
        livemode=record.livemode,
        payload=payload,
    )
