"""The database layer's connection lifecycle: each event loop has its own engines, and the
connections of a loop that has ended are closed, not left open until garbage collection."""

from __future__ import annotations

import asyncio
import gc
import time

from sqlalchemy import literal, select, text

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
