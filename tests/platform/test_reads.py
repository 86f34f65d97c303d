"""Reads straight on the driver (storage/reads.py): a read unit on PostgreSQL runs plain SELECTs on
its own pooled psycopg connections. They must answer exactly what the session path answers, keep
each statement's own values apart in the compiled-statement cache, stay within the pool's size,
give cancelled and failed connections up cleanly, and report a lost connection as the engine does.

PostgreSQL only: on SQLite a read unit is the ordinary session (the driver path does not exist)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    bindparam,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy import exc as sa_exc

from charter.http.rendering import database_unavailable
from storage.db import Database
from storage.models import ApiKey
from storage.models.base import UTCDateTime
from storage.reads import ReadSession, runnable
from tests.conftest import PG_URL

pytestmark = pytest.mark.skipif(
    not PG_URL, reason="the driver read path is PostgreSQL's; SQLite reads use the session"
)

metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", String(10), primary_key=True),
    Column("flag", Boolean),
    Column("doc", JSON),
    Column("blob", LargeBinary),
    Column("at", UTCDateTime()),
)
ROWS = [
    {"id": f"t{i}", "flag": i % 2 == 0, "doc": {"n": i, "tags": ["a", str(i)]}, "blob": bytes([i])}
    for i in range(5)
]
AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def db(new_database):
    db = Database(new_database(), pool_size=8, statement_timeout_seconds=12.345)
    metadata.create_all(db.engine)
    with db.engine.begin() as conn:
        conn.execute(things.insert(), [{**row, "at": AT} for row in ROWS])
    yield db
    db.dispose()


def run(coroutine):
    return asyncio.run(coroutine)


async def _both(db: Database, statement, params=None):
    """The statement's rows from a read unit (driver path) and from a plain session."""
    async with db.read() as reads:
        assert isinstance(reads, ReadSession)
        fast = (await reads.execute(statement, params)).all()
        assert not reads.in_use  # it never touched the session
    async with db.transaction() as session:
        slow = (await session.execute(statement, params)).all()
    return fast, slow


def test_rows_match_the_session_path_value_for_value(db):
    statement = select(things).order_by(things.c.id)
    fast, slow = run(_both(db, statement))
    assert fast == slow and len(fast) == 5
    row = fast[0]
    assert row.doc == {"n": 0, "tags": ["a", "0"]} and row.flag is True and row.blob == b"\x00"
    assert row.at == AT and row.at.utcoffset().total_seconds() == 0
    assert row._mapping[things.c.id] == "t0"  # by column object, as the engine's rows allow


def test_numbers_are_processed_by_the_type_the_server_answers_with(db):
    """NUMERIC's result processor depends on the column type in the server's answer."""
    statement = select(
        cast(literal_column("1.25"), Numeric(10, 2)).label("exact"),
        cast(literal_column("1.25"), Numeric(10, 2, asdecimal=False)).label("approximate"),
        cast(literal_column("2.5"), Float).label("real"),
    )
    fast, slow = run(_both(db, statement))
    assert fast == slow == [(Decimal("1.25"), 1.25, 2.5)]
    assert isinstance(fast[0].exact, Decimal) and isinstance(fast[0].approximate, float)


def test_each_execution_keeps_its_own_literal_values(db):
    """Two statements that differ only in a literal share one compiled form; the values must
    still be each statement's own."""

    async def go():
        async with db.read() as reads:
            first = (await reads.execute(select(things.c.id).where(things.c.id == "t1"))).all()
            second = (await reads.execute(select(things.c.id).where(things.c.id == "t3"))).all()
            return first, second

    assert run(go()) == ([("t1",)], [("t3",)])


def test_in_lists_and_bound_parameters(db):
    statement = select(things.c.id).where(things.c.id.in_(["t0", "t2", "t4"])).order_by("id")
    fast, slow = run(_both(db, statement))
    assert fast == slow == [("t0",), ("t2",), ("t4",)]
    named = select(things.c.id).where(things.c.flag == bindparam("flag")).order_by("id")
    fast, slow = run(_both(db, named, {"flag": False}))
    assert fast == slow == [("t1",), ("t3",)]


def test_scalar_and_scalars(db):
    async def go():
        async with db.read() as reads:
            count = await reads.scalar(select(func.count()).select_from(things))
            ids = (await reads.scalars(select(things.c.id).order_by("id"))).all()
            return count, ids, reads.in_use

    assert run(go()) == (5, ["t0", "t1", "t2", "t3", "t4"], False)


def test_entity_loads_go_through_the_session():
    """ORM attributes in a SELECT are fine on the driver; loading an entity is not."""
    assert runnable(select(ApiKey.__table__).where(ApiKey.organization_id == "x"))
    assert runnable(select(ApiKey.id, ApiKey.name))
    assert not runnable(select(ApiKey))
    assert not runnable(select(things).execution_options(yield_per=10))


def test_other_session_methods_end_their_transaction(db):
    """`get` and the like go through the session; the unit must still end its transaction
    and give its connection back (a unit that did not leaked one per request)."""
    from storage.models import Base, Organization

    async def go():
        for _ in range(db.pool_size + 2):  # more than the pools hold, had any leaked
            async with db.read() as reads:
                assert await reads.get(Organization, "org_nobody") is None
                assert reads.in_use
        return db.pool_status()[1]

    Base.metadata.create_all(db.engine)
    assert run(go()) == 0


def test_statement_timeout_is_the_connections_setting(db):
    async def go():
        async with db.read() as reads:
            return await reads.scalar(select(func.current_setting("statement_timeout")))

    assert run(go()) == "12345ms"  # the configured timeout, not the server default


def test_concurrent_units_never_exceed_the_pool(db):
    async def go():
        peak = 0

        async def unit():
            nonlocal peak
            async with db.read() as reads:
                await reads.scalar(select(func.pg_sleep(0.05)))
                peak = max(peak, db.pool_status()[1])

        await asyncio.gather(*(unit() for _ in range(12)))
        raw = db._engines[asyncio.get_running_loop()].raw
        return peak, raw.size, raw.size_in_use()

    peak, size, (opened, in_use) = run(go())
    # pool_size=8: six for the driver pool, two for the session's entity reads (the budget is
    # shared); the other six units waited their turn
    assert size == 6 and opened == 6 and in_use == 0
    assert peak <= 6


def test_a_failed_statement_raises_the_engines_error_and_the_connection_serves_on(db):
    async def go():
        async with db.read() as reads:
            with pytest.raises(sa_exc.DBAPIError) as failure:
                await reads.execute(select(func.cast_to_nothing(things.c.id)))
            ok = await reads.scalar(select(func.count()).select_from(things))
        return failure.value, ok

    error, ok = run(go())
    assert isinstance(error.orig, psycopg.errors.UndefinedFunction) and ok == 5
    assert not database_unavailable(error)  # the statement failed, not the connection


def test_a_cancelled_read_stops_its_query_and_frees_the_connection(db):
    url = db.url.replace("postgresql+psycopg://", "postgresql://")

    async def go():
        async def slow():
            async with db.read() as reads:
                await reads.scalar(select(func.pg_sleep(30)))

        task = asyncio.create_task(slow())
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        raw = db._engines[asyncio.get_running_loop()].raw
        async with db.read() as reads:  # the pool still serves
            assert await reads.scalar(select(func.count()).select_from(things)) == 5
        return raw.size_in_use()[1]

    assert run(go()) == 0
    with psycopg.connect(url, autocommit=True) as admin:
        sleeping = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
            "AND query LIKE %s AND pid <> pg_backend_pid()",
            ("%pg_sleep(%",),
        ).fetchone()[0]
    assert sleeping == 0  # cancelled in the server, not left running for 30 s


def test_a_killed_connection_is_reported_unavailable_then_replaced(db):
    url = db.url.replace("postgresql+psycopg://", "postgresql://")

    async def go():
        async with db.read() as reads:
            pid = await reads.scalar(select(func.pg_backend_pid()))
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        await asyncio.sleep(0.2)
        with pytest.raises(sa_exc.DBAPIError) as lost:
            async with db.read() as reads:
                await reads.scalar(select(func.pg_backend_pid()))
        async with db.read() as reads:
            again = await reads.scalar(select(func.pg_backend_pid()))
        return lost.value, pid, again

    lost, pid, again = run(go())
    assert database_unavailable(lost)
    assert again != pid
