"""Collections: declarations (schema, indexed fields), record counts, and the expression indexes
over `records` that declarations create.

A declared index is built on exactly the expression storage/repositories/record_query.py
compares for that field: its number expression (`price:eq:10`, `price:gt:5`) and its string
expression (`name:eq:widget`). Each index leads with (organization_id, livemode, collection) and
then holds the expression, created_at and id, so an equality filter also gets the default order
(newest first) from the index; it is partial, `WHERE <expression> IS NOT NULL`, so only records
whose field has that type are in it (PostgreSQL and SQLite both prove the predicate from the
query's comparison). Indexes are shared: every collection, of any organization, that declares
the same field and type uses the one index (a bounded number of indexes on the table, not one
per tenant and field), and `collection_indexes` counts who uses which, so the last declaration
to go drops it.

On PostgreSQL an index is built with CREATE INDEX CONCURRENTLY (writes to `records` go on
meanwhile), outside any transaction: callers pass an autocommit session. An extended statistics
object on the same expression gives the planner the field's value distribution (PostgreSQL
ignores the statistics of partial indexes), and ANALYZE fills it in. On SQLite a plain CREATE
INDEX. Names are deterministic and at most 63 characters: `ix_records_f_<n|s>_<field>_<hash>`,
the hash of the exact path and type (index names are case-insensitive on SQLite, and fields may
be long).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    bindparam,
    delete,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncSession as Session
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter

from storage.models import Collection, CollectionIndex, Record
from storage.repositories.record_query import Field, _Document

INDEX_KINDS = ("number", "string")


@dataclass(frozen=True)
class IndexSpec:
    """A physical index: a data path and the JSON type whose comparisons it serves."""

    path: tuple[str, ...]
    kind: str  # "number" | "string"

    @property
    def field(self) -> str:
        return ".".join(self.path)

    @property
    def name(self) -> str:
        digest = hashlib.sha256(f"{self.kind}:{self.field}".encode()).hexdigest()[:10]
        slug = re.sub(r"[^a-z0-9]+", "_", self.field.lower()).strip("_")[:32]
        return f"ix_records_f_{self.kind[0]}_{slug}_{digest}"

    @property
    def statistics_name(self) -> str:
        return "st_" + self.name[3:]


# Declarations ----------------------------------------------------------------------------------


def _live(organization_id: str, livemode: bool, now: datetime) -> list[ColumnElement[bool]]:
    return [
        Record.organization_id == organization_id,
        Record.livemode == livemode,
        or_(Record.expires_at.is_(None), Record.expires_at > now),
    ]


async def get_collection(
    session: Session, *, organization_id: str, livemode: bool, name: str
) -> Collection | None:
    query = select(Collection).where(
        Collection.organization_id == organization_id,
        Collection.livemode == livemode,
        Collection.name == name,
    )
    return (await session.scalars(query)).one_or_none()


# Asked on every record write and filtered read: built once (storage/reads.py keys its compiled
# form by the statement's identity).
_DEFINITION_VERSION = select(Collection.id, Collection.version).where(
    Collection.organization_id == bindparam("organization_id"),
    Collection.livemode == bindparam("livemode"),
    Collection.name == bindparam("name"),
)


async def definition_version(
    session: Session, *, organization_id: str, livemode: bool, collection: str
) -> tuple[str, int] | None:
    """(id, version) of the collection's declaration, without its schema; None if undeclared."""
    params = {"organization_id": organization_id, "livemode": livemode, "name": collection}
    row = (await session.execute(_DEFINITION_VERSION, params)).one_or_none()
    return (row[0], row[1]) if row is not None else None


async def definition_schema(session: Session, collection_id: str) -> dict[str, Any] | None:
    schema: dict[str, Any] | None = await session.scalar(
        select(Collection.json_schema).where(Collection.id == collection_id)
    )
    return schema


async def count_records(
    session: Session, *, organization_id: str, livemode: bool, collection: str, now: datetime
) -> int:
    """Live (unexpired) records of the collection."""
    query = select(func.count()).select_from(Record)
    query = query.where(*_live(organization_id, livemode, now), Record.collection == collection)
    return await session.scalar(query) or 0


async def list_collections(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    now: datetime,
    limit: int,
    offset: int,
) -> tuple[list[tuple[str, int, Collection | None]], int]:
    """The scope's collections by name (code point order on both databases): every collection
    with live records or a declaration, each with its live record count and declaration."""
    live = _live(organization_id, livemode, now)
    counts = (
        select(Record.collection.label("name"), func.count().label("records"))
        .where(*live)
        .group_by(Record.collection)
        .subquery()
    )
    declared = select(Collection.name.label("name")).where(
        Collection.organization_id == organization_id, Collection.livemode == livemode
    )
    names = select(counts.c.name).union(declared).subquery()
    name: Any = names.c.name
    if session.get_bind().dialect.name == "postgresql":
        name = name.collate("C")  # code point order, as SQLite's
    query = (
        select(names.c.name, func.coalesce(counts.c.records, 0), Collection)
        .outerjoin(counts, counts.c.name == names.c.name)
        .outerjoin(
            Collection,
            and_(
                Collection.name == names.c.name,
                Collection.organization_id == organization_id,
                Collection.livemode == livemode,
            ),
        )
        .order_by(name)
        .limit(limit)
        .offset(offset)
    )
    rows = [(r[0], int(r[1]), r[2]) for r in (await session.execute(query)).all()]
    total = await session.scalar(select(func.count()).select_from(names)) or 0
    return rows, total


async def set_indexes(session: Session, collection: Collection, specs: list[IndexSpec]) -> None:
    """Record which physical indexes the declaration uses (replacing what it used before)."""
    await session.execute(
        delete(CollectionIndex).where(CollectionIndex.collection_id == collection.id)
    )
    for spec in specs:
        session.add(
            CollectionIndex(
                collection_id=collection.id, index_name=spec.name, field=spec.field, kind=spec.kind
            )
        )
    await session.flush()


async def indexes_of(session: Session, collection_id: str) -> list[IndexSpec]:
    rows = await session.execute(
        select(CollectionIndex.field, CollectionIndex.kind).where(
            CollectionIndex.collection_id == collection_id
        )
    )
    return [IndexSpec(tuple(field.split(".")), kind) for field, kind in rows.all()]


async def delete_collection(
    session: Session,
    collection: Collection | None,
    *,
    organization_id: str,
    livemode: bool,
    name: str,
) -> int:
    """The declaration (and its index uses) and every record of the collection, expired ones
    included; the number of records deleted."""
    result = await session.execute(
        delete(Record).where(
            Record.organization_id == organization_id,
            Record.livemode == livemode,
            Record.collection == name,
        )
    )
    if collection is not None:
        await session.execute(
            delete(CollectionIndex).where(CollectionIndex.collection_id == collection.id)
        )
        await session.delete(collection)
        await session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


async def index_users(session: Session, spec: IndexSpec) -> int:
    """Declarations (of any organization) that use this physical index."""
    query = select(func.count()).select_from(CollectionIndex)
    return await session.scalar(query.where(CollectionIndex.index_name == spec.name)) or 0


# Physical indexes (autocommit sessions) ---------------------------------------------------------


def _inline(expression: Any, dialect: str) -> Any:
    """The expression with every bound value written inline, as DDL needs it (the values are
    record_query's own constants: JSON paths of validated segments, type names)."""

    def replace(element: Any, **_: Any) -> Any:
        if not isinstance(element, BindParameter):
            return None
        value = element.value
        if isinstance(value, list | tuple):
            if dialect == "postgresql":
                return literal_column("'{" + ",".join(value) + "}'", String)
            return literal_column("(" + ", ".join(_quote(v) for v in value) + ")")
        return literal_column(_quote(value) if isinstance(value, str) else repr(value))

    return visitors.replacement_traverse(expression, {}, replace)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def expression(spec: IndexSpec, dialect: str) -> Any:
    """record_query's expression for comparisons of this field with values of this type."""
    document = _Document(Field("data", spec.path), dialect)
    return document.number() if spec.kind == "number" else document.string()


def _ddl(spec: IndexSpec, dialect: str, session: Session) -> tuple[str, str]:
    bound = session.get_bind().dialect
    compiler: Any = bound.ddl_compiler(bound, None)  # type: ignore[arg-type]  # no statement
    rendered = compiler.sql_compiler.process(
        _inline(expression(spec, dialect), dialect), include_table=False, literal_binds=True
    )
    concurrently = "CONCURRENTLY " if dialect == "postgresql" else ""
    create = (
        f"CREATE INDEX {concurrently}IF NOT EXISTS {spec.name} ON records "
        f"(organization_id, livemode, collection, ({rendered}), created_at, id) "
        f"WHERE ({rendered}) IS NOT NULL"
    )
    return create, rendered


async def _pg_state(session: Session, spec: IndexSpec) -> tuple[bool, bool] | None:
    """(valid, being built) of the PostgreSQL index, or None if there is none."""
    row = (
        await session.execute(
            sql(
                "SELECT i.indisvalid, EXISTS (SELECT 1 FROM pg_stat_progress_create_index p "
                "WHERE p.index_relid = i.indexrelid) FROM pg_index i "
                "WHERE i.indexrelid = to_regclass(:name)"
            ),
            {"name": spec.name},
        )
    ).one_or_none()
    return (bool(row[0]), bool(row[1])) if row is not None else None


async def ensure_index(session: Session, spec: IndexSpec) -> None:
    """Create the index if it is missing (a no-op if it exists). On PostgreSQL a leftover of a
    failed concurrent build (invalid, and no build in progress) is dropped and built again."""
    dialect = session.get_bind().dialect.name
    create, rendered = _ddl(spec, dialect, session)
    if dialect != "postgresql":
        await session.execute(sql(create))
        return
    state = await _pg_state(session, spec)
    if state is not None and not state[0] and not state[1]:
        await session.execute(sql(f"DROP INDEX CONCURRENTLY IF EXISTS {spec.name}"))
    try:
        await session.execute(sql(create))
    except Exception:
        await session.execute(sql(f"DROP INDEX CONCURRENTLY IF EXISTS {spec.name}"))
        raise
    await session.execute(
        sql(f"CREATE STATISTICS IF NOT EXISTS {spec.statistics_name} ON ({rendered}) FROM records")
    )
    await session.execute(sql("ANALYZE records"))


async def drop_index(session: Session, spec: IndexSpec) -> None:
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(sql(f"DROP INDEX CONCURRENTLY IF EXISTS {spec.name}"))
        await session.execute(sql(f"DROP STATISTICS IF EXISTS {spec.statistics_name}"))
    else:
        await session.execute(sql(f"DROP INDEX IF EXISTS {spec.name}"))
