"""Records of data collections (seed 000's data operations): create, get, replace, merge-patch,
delete and query, scoped to the caller's organization and mode.

A record carries a version: every write bumps it, answers send it as the ETag, and a write with
`If-Match` naming an older one is refused (412) instead of overwriting a change it never saw.
An expired record (`ttl`) is invisible at once to every read; the worker deletes it later.
Every write announces `record.created`, `record.updated` or `record.deleted` through the outbox,
in the same transaction, with the changed fields (seed 000's `changes`).

Every record's data, single or batch (charter/data/batch.py), passes `admit` before it is
written: the one place where a collection's own rules apply.
Lists page by offset or by keyset (`after`, a cursor from charter/data/cursors.py), and count
their total exactly, by the planner's estimate, or not at all (`count`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from charter.data import collections, cursors, filters
from charter.events import outbox
from charter.identity.principals import Actor, Principal
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, Invalid, NotFound, PreconditionFailed
from storage.models import Record
from storage.repositories import record_query
from storage.repositories import records as repo
from storage.repositories.common import add
from storage.repositories.record_keyset import SortKey
from storage.repositories.record_query import Clause

# Collections come into being on first write; their names follow this one pattern.
COLLECTION = collections.NAME
MAX_TTL_SECONDS = 10 * 365 * 24 * 3600


def to_dict(record: Any, fields: list[record_query.Field] | None = None) -> dict[str, Any]:
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


def etag(record: Any) -> str:
    """A Record's or a read row's version as an entity tag."""
    return f'"{record.id}.{record.version}"'


def scope_of(actor: Actor, collection: str) -> tuple[Principal, dict[str, Any]]:
    """The caller and the (organization, mode, collection) every record query is held to."""
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


async def admit(
    session: AsyncSession, scope: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    """The one gate a record's data passes before it is written, on create, replace, patch and
    batch create alike: the data to write, or `Invalid` naming the field under `body.data`
    (batch items rename it to `body.records.<i>.data`). Collections without a declared schema
    admit everything."""
    await collections.validate_record(session, scope, data)
    return data


async def _check_declared_types(
    session: AsyncSession, scope: dict[str, Any], clauses: list[Clause], text: str
) -> None:
    """A clause comparing a field the collection's schema types (number, string, boolean or
    null) with a value of another type can never match: 400 naming the clause, not an empty
    page that hides the mistake. Undeclared fields and `contains` (element matches) pass."""
    declared = await collections.declared_types(session, scope) if clauses else {}
    for clause, written in zip(clauses, filters.clause_texts(text), strict=True):
        if clause.field.target != "data" or clause.op == "contains":
            continue
        wanted = declared.get(".".join(clause.field.path))
        if wanted not in ("number", "string", "boolean", "null"):
            continue
        values = clause.value if clause.op == "in" else [clause.value]
        wrong = [v for v in values if record_query.kind(v) != wanted]
        if wrong:
            raise Invalid(
                f"Clause {written!r} compares "
                f"{'.'.join(clause.field.path)}, which the collection declares as {wanted}, "
                f"with a {record_query.kind(wrong[0])}",
                field="query.filter",
            )


def expiry(ttl: int | None) -> Any:
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
    _, scope = scope_of(actor, collection)
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
    _, scope = scope_of(actor, collection)
    data = await admit(session, scope, data)
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
            expires_at=expiry(ttl),
            **scope,
        ),
    )
    await _announce(session, record, "record.created", data)
    return record


async def get(session: AsyncSession, actor: Actor, collection: str, record_id: str) -> Any:
    """The record as a read-only row (attributes as a Record's), for answering a GET."""
    _, scope = scope_of(actor, collection)
    row = await repo.read_record(session, now=utcnow(), record_id=record_id, **scope)
    if row is None:
        raise NotFound("Record not found")
    return row


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
    data = await admit(session, scope_of(actor, collection)[1], data)
    changes = _changes(record.data, data)
    record.data = data
    if not keep_metadata:
        record.meta = metadata or {}
    if ttl is not None:
        record.expires_at = expiry(ttl)
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
    if data is not None:
        new_data = await admit(session, scope_of(actor, collection)[1], new_data)
    changes = _changes(record.data, new_data)
    record.data = new_data
    if metadata is not None:
        record.meta = merge_patch(record.meta, metadata)
    if ttl is not None:
        record.expires_at = expiry(ttl)
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


@dataclass(frozen=True)
class RecordPage:
    items: list[dict[str, Any]]
    total: int | None  # None with count="none"
    limit: int
    offset: int
    has_more: bool
    next_cursor: str | None


async def query(
    session: AsyncSession,
    actor: Actor,
    collection: str,
    *,
    filter: str | None = None,
    sort: str = "created_at",
    order: str = "desc",
    limit: int = 20,
    offset: int | None = None,
    after: str | None = None,
    count: str = "exact",
    fields: str | None = None,
) -> RecordPage:
    """A page of records; `has_more` from one row beyond the page, so it holds whatever
    `count` is, and `next_cursor` (the `after` of the next page) whenever it is true."""
    _, scope = scope_of(actor, collection)
    if after is not None and offset is not None:
        raise Invalid("Page with after or with offset, not both", field="query.after")
    clauses = filters.parse_filter(filter) if filter else []
    await _check_declared_types(session, scope, clauses, filter or "")
    dialect = session.get_bind().dialect.name
    key = SortKey(filters.parse_field(sort, param="sort"), order, dialect)
    projection = filters.parse_fields(fields) if fields else None
    start = cursors.decode(scope, sort, order, filter, after, key.arity()) if after else None
    rows, total = await repo.query_records(
        session,
        now=utcnow(),
        conditions=lambda: [record_query.condition(c, dialect) for c in clauses],
        filter_text=filter or "",
        sort=key,
        after=start,
        limit=limit + 1,
        offset=offset or 0,
        count=count,
        **scope,
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    seen = (offset or 0) + len(rows)
    if count == "estimated" and total is not None:
        # Never below what the pages have shown; exact once the last page is reached.
        total = max(total, seen + int(has_more)) if has_more or after else seen
    cursor = cursors.encode(scope, sort, order, filter, rows[-1][1]) if has_more else None
    items = [to_dict(record, projection) for record, _ in rows]
    return RecordPage(items, total, limit, offset or 0, has_more, cursor)


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
