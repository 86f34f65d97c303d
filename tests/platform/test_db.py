"""The database layer's connection lifecycle: each event loop has its own engines, and the
connections of a loop that has ended are closed, not left open until garbage collection."""

from __future__ import annotations

import asyncio
import gc
import logging
import time

import pytest
from sqlalchemy import literal, make_url, select, text

from charter.platform import runtime
from storage import db as db_module
from storage.db import Database


async def _open_connections(db: Database, count: int) -> list:
    """Hold `count` connections at once (so the pool keeps that many), then give them back."""
    drivers = []
    connections = [await db.async_engine(reads=True).connect() for _ in range(count)]
    for conn in connections:
        await conn.execute(text("SELECT 1"))
        drivers.append((await conn.get_raw_connection()).driver_connection)
    for conn in connections:
        await conn.close()
    if db.dialect == "postgresql":  # and the driver read pool's (storage/reads.py)
        async with db.read() as reads:
            await reads.scalar(select(literal(1)))
            drivers.append(reads._raw[0])
    return drivers


def _open(driver) -> bool:
    if hasattr(driver, "pgconn"):
        return not driver.closed
    return driver._connection is not None  # aiosqlite


def _closes(driver) -> bool:
    """Closed now or within 2 s (aiosqlite closes on its own thread)."""
    deadline = time.monotonic() + 2
    while _open(driver) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _open(driver)


def test_an_ended_loops_connections_are_closed_when_the_next_loop_starts(new_database):
    db = Database(new_database(), pool_size=12)  # the session reads engine holds 3
    gc.disable()  # the point: no reliance on the collector to close them
    try:
        first = asyncio.run(_open_connections(db, 3))
        assert all(_open(driver) for driver in first)  # pooled, idle, on an ended loop
        second = asyncio.run(_open_connections(db, 1))
        assert all(_closes(driver) for driver in first)
        assert all(_open(driver) for driver in second)
        db.dispose()  # what is left of ended loops goes too
        assert all(_closes(driver) for driver in second)
    finally:
        gc.enable()


def test_a_long_transaction_is_logged_with_its_opener(new_database, monkeypatch, caplog):
    """On SQLite a transaction holds the one write lock from its first statement to its end:
    one held too long is named in the log, a quick one is not."""
    monkeypatch.setattr(db_module, "SLOW_TRANSACTION_SECONDS", 0.05)
    db = Database(new_database())

    async def hold_then_hurry() -> None:
        async with db.transaction() as session:
            await session.execute(text("SELECT 1"))
            await asyncio.sleep(0.1)
        async with db.transaction() as session:
            await session.execute(text("SELECT 1"))

    try:
        with caplog.at_level(logging.WARNING, logger="charter.db"):
            asyncio.run(hold_then_hurry())
    finally:
        db.dispose()
    slow = [record for record in caplog.records if record.getMessage() == "slow transaction"]
    assert [record.fields["opened_in"] for record in slow] == [
        "test_a_long_transaction_is_logged_with_its_opener.<locals>.hold_then_hurry"
    ]
    assert slow[0].fields["seconds"] >= 0.1


def test_a_request_transaction_is_logged_under_its_handler(
    client, make_tenant, monkeypatch, caplog
):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    monkeypatch.setattr(db_module, "SLOW_TRANSACTION_SECONDS", -1.0)  # every one is "slow"
    with caplog.at_level(logging.WARNING, logger="charter.db"):
        created = client.post(
            "/v2/data/logged", json={"data": {"n": 1}}, headers={"X-API-Key": tenant.key}
        )
    assert created.status_code == 201
    openers = {record.fields["opened_in"] for record in caplog.records if hasattr(record, "fields")}
    assert "create_record" in openers  # the handler, not the unit-of-work helper
    assert "transaction" not in openers


def test_the_webhook_queue_tables_are_vacuumed_early(app):
    """Migration 0013: each delivery is updated twice and neither update is HOT."""
    db = runtime.current().db
    if db.dialect != "postgresql":
        pytest.skip("autovacuum settings are PostgreSQL's")
    with db.sync_transaction() as session:
        options = dict(
            session.execute(
                text(
                    "SELECT relname, array_to_string(reloptions, ',') FROM pg_class "
                    "WHERE relname IN ('webhook_deliveries', 'outbox_events')"
                )
            ).all()
        )
    for table in ("webhook_deliveries", "outbox_events"):
        assert "autovacuum_vacuum_scale_factor=0.01" in options[table]
        assert "autovacuum_analyze_scale_factor=0.02" in options[table]


def _table_stats(db: Database, table: str) -> tuple[int, int]:
    """(dead rows, manual VACUUMs) of `table` as the statistics say now."""
    with db.sync_transaction() as session:
        session.execute(text("SELECT pg_stat_clear_snapshot()"))
        row = session.execute(
            text("SELECT n_dead_tup, vacuum_count FROM pg_stat_user_tables WHERE relname = :t"),
            {"t": table},
        ).one()
        return int(row[0]), int(row[1])


def test_a_queue_table_with_many_dead_rows_is_vacuumed_at_once(app):
    """The delivery worker's check (storage.db.Database.vacuum_bloated): a table past both
    thresholds is vacuumed, one below them is not; SQLite has nothing to vacuum."""
    db = runtime.current().db
    if db.dialect != "postgresql":
        assert asyncio.run(db.vacuum_bloated(("webhook_deliveries",))) == []
        return
    with db.sync_transaction() as session:
        session.execute(text("DROP TABLE IF EXISTS vacuum_probe"))
        session.execute(
            text("CREATE TABLE vacuum_probe (id int PRIMARY KEY) WITH (autovacuum_enabled = false)")
        )
        session.execute(text("INSERT INTO vacuum_probe SELECT generate_series(1, 3000)"))
    with db.sync_transaction() as session:
        session.execute(text("DELETE FROM vacuum_probe WHERE id <= 1500"))

    def stats() -> tuple[int, int]:
        return _table_stats(db, "vacuum_probe")

    try:
        deadline = time.monotonic() + 10
        while stats()[0] < 1500 and time.monotonic() < deadline:  # stats reach it within ~1 s
            time.sleep(0.1)
        assert stats() == (1500, 0)
        assert asyncio.run(db.vacuum_bloated(("vacuum_probe",), floor=2000)) == []
        assert asyncio.run(db.vacuum_bloated(("vacuum_probe",), share=2.0)) == []
        assert asyncio.run(db.vacuum_bloated(("vacuum_probe",))) == ["vacuum_probe"]
        while stats()[1] < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert stats() == (0, 1)
    finally:
        with db.sync_transaction() as session:
            session.execute(text("DROP TABLE vacuum_probe"))


def test_a_vacuum_that_removes_nothing_backs_off_and_others_tables_are_left(app):
    """Dead rows an open snapshot still sees survive a VACUUM: the next check waits instead of
    vacuuming again every few seconds. A table this role may not vacuum is never tried (run as
    a role of its own: the tests' role is a superuser, who may vacuum anything)."""
    db = runtime.current().db
    if db.dialect != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    with db.sync_transaction() as session:
        session.execute(text("DROP TABLE IF EXISTS vacuum_held, vacuum_foreign"))
        for role in ("charter_test_worker", "charter_test_stranger"):
            session.execute(text(f"DROP ROLE IF EXISTS {role}"))
        session.execute(text("CREATE ROLE charter_test_worker LOGIN"))
        session.execute(text("CREATE ROLE charter_test_stranger"))
        for table, owner in (
            ("vacuum_held", "charter_test_worker"),
            ("vacuum_foreign", "charter_test_stranger"),
        ):
            session.execute(
                text(f"CREATE TABLE {table} (id int) WITH (autovacuum_enabled = false)")
            )
            session.execute(text(f"INSERT INTO {table} SELECT generate_series(1, 3000)"))
            session.execute(text(f"ALTER TABLE {table} OWNER TO {owner}"))
    worker = Database(make_url(db.url).set(username="charter_test_worker").render_as_string(False))
    holder = db.engine.connect()
    try:
        holder.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        holder.execute(text("SELECT count(*) FROM vacuum_held"))  # its snapshot keeps them
        with db.sync_transaction() as session:
            session.execute(text("DELETE FROM vacuum_held"))
            session.execute(text("DELETE FROM vacuum_foreign"))
        tables = ("vacuum_held", "vacuum_foreign")
        deadline = time.monotonic() + 10
        while min(_table_stats(db, t)[0] for t in tables) < 3000:  # stats reach it within ~1 s
            assert time.monotonic() < deadline, "the deletions never reached the statistics"
            time.sleep(0.1)

        async def check() -> list[str]:
            try:
                return await worker.vacuum_bloated(tables)
            finally:
                await worker.async_engine(reads=True).dispose()

        assert asyncio.run(check()) == ["vacuum_held"]
        time.sleep(1.5)  # the VACUUM's counts reach the statistics
        assert asyncio.run(check()) == []  # nothing was removed: it waits
    finally:
        holder.rollback()
        holder.close()
        worker.dispose()
        with db.sync_transaction() as session:
            session.execute(text("DROP TABLE vacuum_held, vacuum_foreign"))
            session.execute(text("DROP ROLE charter_test_worker"))
            session.execute(text("DROP ROLE charter_test_stranger"))


def test_a_broken_write_is_told_apart_by_the_constraint_it_broke(app):
    """Unique violations (a taken name) are told from foreign keys (a missing plan) and from the
    rest (a NOT NULL); where the
    database names the constraint (PostgreSQL), the name is read off the error; and the error
    never shows the values bound to the statement."""
    from sqlalchemy.exc import IntegrityError

    db = runtime.current().db
    broken = {}
    for kind, statement in {
        "unique": "INSERT INTO plans (name, description) VALUES ('free', :secret)",
        "foreign_key": "INSERT INTO organizations (id, name, plan, created_at, updated_at) "
        "VALUES ('org_constraint_test', 'x', 'no-such-plan', '2024-01-01', '2024-01-01')",
        "other": "INSERT INTO organizations (id, name, plan, created_at, updated_at) "
        "VALUES ('org_constraint_test', NULL, 'free', '2024-01-01', '2024-01-01')",
    }.items():
        with pytest.raises(IntegrityError) as caught, db.sync_transaction() as session:
            session.execute(text(statement), {"secret": "hash-of-a-secret"})
        broken[kind] = caught.value
        # The error, as a 500 logs it, shows the SQL but no value bound to it.
        assert "hash-of-a-secret" not in str(caught.value)
    assert {kind: db_module.violation(error) for kind, error in broken.items()} == {
        kind: kind for kind in broken
    }
    if db.dialect == "postgresql":
        assert db_module.violated_constraint(broken["unique"]) == "plans_pkey"
        assert db_module.violated_constraint(broken["foreign_key"]) == "organizations_plan_fkey"
    else:
        assert db_module.violated_constraint(broken["foreign_key"]) is None
