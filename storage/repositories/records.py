"""Records of data collections: rows in, rows out; filters and sorts come compiled from
record_query. Every query is scoped to (organization, mode, collection) and skips expired rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Executable, Integer, bindparam, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession as Session
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ClauseElement
from sqlalchemy.util import LRUCache

from storage.models import OutboxEvent, Record
from storage.repositories.common import plain_rows, rowcount
from storage.repositories.record_keyset import SortKey

Key = tuple[list[Any], str]  # a row's sort key values and its id


def _live(organization_id: str, livemode: bool, collection: str, now: datetime) -> list[Any]:
    return [
        Record.organization_id == organization_id,
        Record.livemode == livemode,
        Record.collection == collection,
        or_(Record.expires_at.is_(None), Record.expires_at > now),
    ]


# Reads answer with read-only rows (no identity map, no change tracking): a third less CPU than
# ORM instances. Their attributes are the model's (`meta` for the `metadata` column), so
# services read a row and a Record alike; writes load the model.
_TABLE = Record.__table__
_READ_COLUMNS = [c.label("meta") if c.name == "metadata" else c for c in _TABLE.c]
_READ_BY_ID = select(*_READ_COLUMNS).where(
    _TABLE.c.id == bindparam("record_id"),
    _TABLE.c.organization_id == bindparam("organization_id"),
    _TABLE.c.livemode == bindparam("livemode"),
    _TABLE.c.collection == bindparam("collection"),
    or_(_TABLE.c.expires_at.is_(None), _TABLE.c.expires_at > bindparam("now")),
)


async def read_record(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    collection: str,
    record_id: str,
    now: datetime,
) -> Any:
    """The live record as a read-only row (see above), or None; one statement built once."""
    params = {
        "record_id": record_id,
        "organization_id": organization_id,
        "livemode": livemode,
        "collection": collection,
        "now": now,
    }
    return (await session.execute(_READ_BY_ID, params)).first()


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


# The live records of one (organization, mode, collection) at `now`, as bound parameters, so a
# page statement is built once per filter and sort and executed with each request's values.
_LIVE_BOUND = [
    Record.organization_id == bindparam("organization_id"),
    Record.livemode == bindparam("livemode"),
    Record.collection == bindparam("collection"),
    or_(Record.expires_at.is_(None), Record.expires_at > bindparam("now")),
]
_PAGES: LRUCache[Any, tuple[Any, Any]] = LRUCache(512)


def _page_statements(
    conditions: list[ColumnElement[bool]], sort: SortKey, after: Key | None, counted: bool
) -> tuple[Any, Any]:
    """The page's statement and its total's, with the scope, `now`, `limit` and `offset` bound.
    An exact total rides on each row of the page: an uncorrelated scalar subquery, which both
    databases run once per statement, so the page and its count cost one round trip."""
    where = [*_LIVE_BOUND, *conditions]
    page = [*where, sort.after(*after)] if after is not None else where
    total_of = select(func.count()).select_from(Record).where(*where)
    extra = [total_of.scalar_subquery().label("_total")] if counted else []
    query = (
        select(*_READ_COLUMNS, *sort.values(), *extra)
        .where(*page)
        .order_by(*sort.order_by())
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )
    return query, total_of


async def query_records(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    collection: str,
    now: datetime,
    conditions: Callable[[], list[ColumnElement[bool]]],
    filter_text: str,
    sort: SortKey,
    after: Key | None,
    limit: int,
    offset: int,
    count: str = "exact",
) -> tuple[list[tuple[Any, Key]], int | None]:
    """Up to `limit` rows in `sort` order from `offset`, or after the row keyed `after`, each
    with its key; and the total of the matching rows as `count` asks: "exact", "estimated"
    (PostgreSQL's planner estimate; exact on SQLite) or "none" (None).

    `conditions` builds the filter's conditions; `filter_text` is the filter they come from. A
    first page's statements are kept by (filter text, sort, count) and reused (storage/reads.py
    then skips compiling them too): a client asking the same question again pays for none of
    it. A keyset page's, whose condition holds the previous page's last key, are built each time.
    """
    estimated = count == "estimated" and session.get_bind().dialect.name == "postgresql"
    counted = count != "none" and not estimated
    if after is None:
        shape = (filter_text, sort, counted)
        statements = _PAGES.get(shape)
        if statements is None:
            statements = _PAGES[shape] = _page_statements(conditions(), sort, None, counted)
    else:
        statements = _page_statements(conditions(), sort, after, counted)
    query, total_of = statements
    params = {
        "organization_id": organization_id,
        "livemode": livemode,
        "collection": collection,
        "now": now,
        "limit": limit,
        "offset": offset,
    }
    rows = (await session.execute(query, params)).all()
    width, end = len(_READ_COLUMNS), len(_READ_COLUMNS) + sort.arity()
    keyed = [
        (record, (list(row[width:end]), record.id))
        for record, row in zip(plain_rows(rows, width), rows, strict=True)
    ]
    total = None
    if estimated:
        total = await _estimate(session, select(Record.id).where(total_of.whereclause), params)
    elif counted:
        if rows:
            total = rows[0][-1]  # the _total column
        elif offset == 0 and after is None:
            total = 0  # the first page is empty: nothing matches
        else:  # a page past the end has no row to carry the total
            total = await session.scalar(total_of, params) or 0
    return keyed, total


class _Explain(Executable, ClauseElement):
    """`EXPLAIN (FORMAT JSON) <query>`, compiled with the query's own bound parameters."""

    inherit_cache = False

    def __init__(self, query: Any) -> None:
        self.query = query


@compiles(_Explain, "postgresql")
def _compile_explain(element: _Explain, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN (FORMAT JSON) " + str(compiler.process(element.query, **kw))


async def _estimate(session: Session, query: Any, params: dict[str, Any]) -> int:
    """The planner's row estimate for `query` (not `pg_class.reltuples`: the table holds every
    organization's collections, and only the planner's statistics narrow it to one)."""
    plan = (await session.execute(_Explain(query), params)).scalar_one()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


async def insert_records(
    session: Session, records: list[dict[str, Any]], events: list[dict[str, Any]]
) -> None:
    """Rows of `records` and of `outbox_events` (column names as keys, every row with the same
    keys): one multi-row INSERT each."""
    await _insert_many(session, Record.__table__, records)
    await _insert_many(session, OutboxEvent.__table__, events)


# SQLite's default limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER).
MAX_PARAMETERS = 32766


async def _insert_many(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """One INSERT of many rows, written here rather than compiled by SQLAlchemy, whose compiler
    visits each of the ten thousand bound parameters of a thousand-row VALUES list (ten times
    the time of the INSERT itself). PostgreSQL takes the rows as one JSON parameter
    (`jsonb_populate_recordset`: psycopg would otherwise parse a query of ten thousand
    placeholders); SQLite a VALUES list, each value through its column type's bind processor."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    quote = dialect.identifier_preparer.quote
    names = list(rows[0])
    # Identifiers come from the table definition, quoted; every value is a bound parameter.
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
    connection = await session.connection()
    if dialect.name == "postgresql":
        select_rows = f"SELECT {', '.join(quote(n) for n in names)} FROM "  # noqa: S608
        source = f"jsonb_populate_recordset(NULL::{quote(table.name)}, %s::jsonb)"
        document = json.dumps(rows, default=_json_time, separators=(",", ":"))
        await connection.exec_driver_sql(head + select_rows + source, (document,))
        return
    columns = [table.c[name] for name in names]
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    one = "(" + ", ".join(["?"] * len(names)) + ")"
    step = max(1, MAX_PARAMETERS // len(names))
    for start in range(0, len(rows), step):
        chunk = rows[start : start + step]
        values = [
            value if process is None else process(value)
            for row in chunk
            for value, process in zip((row[n] for n in names), processors, strict=True)
        ]
        statement = head + "VALUES " + ", ".join([one] * len(chunk))
        await connection.exec_driver_sql(statement, tuple(values))


def _json_time(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


async def delete_records(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    collection: str,
    ids: list[str],
    now: datetime,
) -> list[str]:
    """Delete the live records among `ids`, in one statement; the ids deleted."""
    result = await session.execute(
        delete(Record)
        .where(Record.id.in_(ids), *_live(organization_id, livemode, collection, now))
        .returning(Record.id)
        .execution_options(synchronize_session=False)
    )
    return list(result.scalars().all())


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
