"""Engines and units of work for SQLite (embedded default) and PostgreSQL (scale-out).

Requests use the asyncio engine (aiosqlite, psycopg 3 async); migrations, the CLI's tools and
test factories use a synchronous engine on the same database. An asyncio connection belongs to
the event loop that opened it, so each running loop gets its own engine (a server process has
one; tests and embedded servers run several).

Costs a request pays, by design: no pre-ping on checkout (a dead connection fails one request
and is discarded), pools sized to the concurrency with no overflow (steady load opens no new
connections), the statement timeout set once per connection rather than per transaction, and
reads in autocommit (one round trip for a one-statement read on PostgreSQL: no BEGIN/COMMIT),
and on PostgreSQL transaction units that begin only when they must, their new rows written as one
statement (storage/writes.py).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

from storage.reads import RawPool, ReadSession
from storage.writes import WriteSession

log = logging.getLogger("charter.db")
# A transaction open longer than this is logged with where it was opened: on SQLite it holds
# the one write lock for all of that time, and every other writer waits behind it.
SLOW_TRANSACTION_SECONDS = 1.0

# A unit's statements stop this long before the request's deadline, so they fail (and roll back)
# before the request is cancelled around them.
DEADLINE_MARGIN = 0.2


_DEAD_ROWS = text(
    "SELECT t.name, s.relid::regclass::text, s.n_dead_tup, s.n_live_tup "
    "FROM unnest(CAST(:tables AS text[])) AS t(name) "
    "JOIN pg_stat_user_tables AS s ON s.relid = to_regclass(t.name) "
    "JOIN pg_class AS c ON c.oid = s.relid "
    "WHERE pg_has_role(c.relowner, 'USAGE')"
)
VACUUM_BACKOFF = (10.0, 600.0)  # seconds: the first wait and the longest


class Database:
    def __init__(
        self, url: str, *, pool_size: int = 20, statement_timeout_seconds: float = 30.0
    ) -> None:
        self.url = url
        self.dialect = "sqlite" if url.startswith("sqlite") else "postgresql"
        self.pool_size = pool_size
        self.statement_timeout_ms = max(1, int(statement_timeout_seconds * 1000))
        if self.dialect == "sqlite":
            self.async_url = url.replace("sqlite://", "sqlite+aiosqlite://", 1)
            database = make_url(url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
                # WAL is a property of the database file: set once, not on every connection.
                conn = sqlite3.connect(database)
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                finally:
                    conn.close()
        else:
            self.async_url = url
        self._sync: Engine | None = None
        # Held strongly until the loop is seen closed: its connections are then closed at once
        # (`_close_orphaned`), where a dropped engine would hold them until garbage collection.
        self._engines: dict[asyncio.AbstractEventLoop, _LoopEngines] = {}
        self._engine_listeners: list[tuple[str, Any]] = []
        # vacuum_bloated's backoff per table: (not before, current wait, dead rows when vacuumed)
        self._vacuums: dict[str, tuple[float, float, int | None]] = {}

    # engines -----------------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The synchronous engine: migrations, CLI tools, test factories."""
        if self._sync is None:
            self._sync = create_engine(self.url, **self._engine_options(pool_size=5))
            self._prepare(self._sync)
        return self._sync

    def async_engine(self, *, reads: bool = False) -> AsyncEngine:
        """The asyncio engine of the running event loop: for transactions, or (`reads`) the
        autocommit engine whose connections stay in autocommit, so a read costs no BEGIN or
        COMMIT and no per-checkout switch of the connection's mode."""
        loop = asyncio.get_running_loop()
        engines = self._engines.get(loop)
        if engines is None:
            for stale in [other for other in self._engines if other.is_closed()]:
                self._engines.pop(stale).close_orphaned()
            engines = _LoopEngines(
                self._new_async_engine(pool_size=max(2, self.pool_size // 2), reads=False),
                self._new_async_engine(pool_size=self._session_reads_pool_size, reads=True),
            )
            if self.dialect == "postgresql":
                engines.raw = self._new_raw_pool(engines)
            self._engines[loop] = engines
        return engines.reads if reads else engines.transactions

    @property
    def _session_reads_pool_size(self) -> int:
        """The reads budget (`pool_size`) is shared on PostgreSQL: most reads run on the driver
        pool (storage/reads.py), entity loads of read units on the autocommit engine's quarter."""
        return self.pool_size if self.dialect == "sqlite" else max(2, self.pool_size // 4)

    def _new_raw_pool(self, engines: _LoopEngines) -> RawPool:
        """The loop's driver connections for plain reads (storage/reads.py)."""

        def opened(conn: Any) -> None:
            engines.drivers.add(conn)
            for name, listener in self._engine_listeners:  # what `listen` attached (tests)
                if name == "connect":
                    listener(_DriverOnly(conn), None)

        return RawPool(
            make_url(self.url).set(drivername="postgresql").render_as_string(hide_password=False),
            size=max(2, self.pool_size - self._session_reads_pool_size),
            options=f"-c statement_timeout={self.statement_timeout_ms}",
            on_connect=opened,
        )

    def _new_async_engine(self, *, pool_size: int, reads: bool) -> AsyncEngine:
        options = self._engine_options(pool_size=pool_size)
        if reads:
            # Autocommit connections have no transaction to reset when they go back.
            options.update(isolation_level="AUTOCOMMIT", pool_reset_on_return=None)
        engine = create_async_engine(self.async_url, **options)
        self._prepare(engine.sync_engine, transactions=not reads)
        for name, listener in self._engine_listeners:
            event.listen(engine.sync_engine, name, listener)
        return engine

    def _all_engines(self) -> list[Engine]:
        engines = [self._sync] if self._sync is not None else []
        for pair in self._engines.values():
            engines += [pair.transactions.sync_engine, pair.reads.sync_engine]
        return engines

    def listen(self, name: str, listener: Any) -> None:
        """Attach an engine event listener to every engine, present and future (tests)."""
        self._engine_listeners.append((name, listener))
        for engine in self._all_engines():
            event.listen(engine, name, listener)

    def unlisten(self, name: str, listener: Any) -> None:
        self._engine_listeners.remove((name, listener))
        for engine in self._all_engines():
            if event.contains(engine, name, listener):
                event.remove(engine, name, listener)

    def _engine_options(self, *, pool_size: int) -> dict[str, Any]:
        if self.dialect == "sqlite":
            return {
                # A failed statement's error (logged with a 500) shows its SQL, never its values:
                # they are password hashes, encrypted emails, tokens' digests.
                "hide_parameters": True,
                "connect_args": {"timeout": 30, "check_same_thread": False},
                "pool_size": pool_size,
                "max_overflow": 0,
                "pool_timeout": 30,
            }
        # prepare_threshold=None: prepared statements get generic plans that are slow for JSONB
        # filters (DESIGN.md). The statement timeout is a connection setting, sent once.
        return {
            "hide_parameters": True,  # as above
            "connect_args": {
                "prepare_threshold": None,
                "options": f"-c statement_timeout={self.statement_timeout_ms}",
            },
            "pool_size": pool_size,
            "max_overflow": 0,
            "pool_timeout": 30,
            "pool_recycle": 1800,
        }

    def _prepare(self, engine: Engine, *, transactions: bool = True) -> None:
        if self.dialect != "sqlite":
            return
        event.listen(engine, "connect", _sqlite_on_connect)
        if transactions:
            event.listen(engine, "begin", _sqlite_on_begin)
        event.listen(engine, "checkin", _sqlite_on_checkin)

    # units of work -----------------------------------------------------------------------------

    def transaction(
        self, deadline: float | None = None, *, opened_in: str | None = None
    ) -> AbstractAsyncContextManager[AsyncSession]:
        """One transaction: committed when the block ends, rolled back if it raises.

        A cancelled block (the request's deadline passed) first interrupts the statement in
        flight (PostgreSQL cancel, SQLite interrupt), then rolls back, shielded from the
        cancellation so the connection goes back to the pool clean.
        """
        session = self.session(deadline)
        # Named in the slow-transaction log: the caller, or whom the caller names (a handler).
        session.info["opened_in"] = opened_in or sys._getframe(1).f_code.co_qualname
        return _unit(session)

    def read(self, deadline: float | None = None) -> AbstractAsyncContextManager[AsyncSession]:
        """A read-only unit of work in autocommit: no BEGIN/COMMIT round trips."""
        return _unit(self.session(deadline, reads=True))

    def session(self, deadline: float | None = None, *, reads: bool = False) -> AsyncSession:
        """A session on this loop's engine; the caller commits and closes it (a unit of work
        held across pipeline stages), or `transaction()` and `read()` do."""
        engine = self.async_engine(reads=reads)
        raw = self._engines[asyncio.get_running_loop()].raw
        session: AsyncSession
        if raw is None:
            session = AsyncSession(engine, expire_on_commit=False)
        elif reads:
            session = ReadSession(engine, raw, engine.sync_engine, expire_on_commit=False)
        else:
            session = WriteSession(engine, engine.sync_engine, raw, expire_on_commit=False)
        session.info["deadline"] = deadline
        return session

    @contextmanager
    def sync_transaction(self) -> Iterator[Session]:
        """A synchronous transaction, for tools and tests outside the event loop."""
        with sessionmaker(self.engine, expire_on_commit=False)() as session, session.begin():
            yield session

    async def vacuum_bloated(
        self, tables: tuple[str, ...], *, share: float = 0.01, floor: int = 1000
    ) -> list[str]:
        """PostgreSQL: VACUUM those of `tables` whose dead rows number at least `floor` and
        `share` of their live ones (the thresholds migration 0013 gives autovacuum); the
        tables vacuumed. For queue tables, whose claims walk an index from its oldest entries:
        the dead entries a burst leaves there slow every claim until they are gone, and the
        autovacuum launcher looks at each database only once per naptime (a minute by
        default). SQLite: nothing to do.

        Tables are found as the search path resolves their names, and only those this role
        may vacuum (it owns them or is a member of their owner). SKIP_LOCKED leaves a table
        another session vacuums to it. A table whose last VACUUM here removed nothing (an old
        snapshot holds its dead rows) waits, twice as long each time (VACUUM_BACKOFF)."""
        if self.dialect != "postgresql":
            return []
        done: list[str] = []
        now = time.monotonic()
        async with self.async_engine(reads=True).connect() as conn:
            auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
            counts = await auto.execute(_DEAD_ROWS, {"tables": list(tables)})
            for name, qualified, dead, live in counts.all():
                if dead < floor or dead < share * live:
                    self._vacuums.pop(name, None)  # the last VACUUM (or autovacuum) did its work
                    continue
                if not self._may_vacuum(name, dead, now):
                    continue
                await auto.execute(text(f"VACUUM (SKIP_LOCKED) {qualified}"))
                done.append(name)
        return done

    def _may_vacuum(self, table: str, dead: int, now: float) -> bool:
        """Backoff for a table whose dead rows the last VACUUM here did not lower."""
        until, wait, dead_then = self._vacuums.get(table, (0.0, 0.0, None))
        if now < until:
            return False
        if dead_then is not None and dead >= dead_then:  # nothing was removed last time
            wait = min(max(wait * 2, VACUUM_BACKOFF[0]), VACUUM_BACKOFF[1])
            self._vacuums[table] = (now + wait, wait, None)  # then tried again
            return False
        self._vacuums[table] = (0.0, wait if dead_then is None else 0.0, dead)
        return True

    async def ping(self) -> None:
        async with self.async_engine(reads=True).connect() as conn:
            await conn.execute(text("SELECT 1"))

    def pool_status(self) -> tuple[int, int]:
        """(connections the pools may hold, connections in use) over this loop's two pools."""
        pools = [self.async_engine(reads=reads).pool for reads in (False, True)]
        size = sum(getattr(pool, "size", lambda: 0)() for pool in pools)
        used = sum(getattr(pool, "checkedout", lambda: 0)() for pool in pools)
        raw = self._engines[asyncio.get_running_loop()].raw
        if raw is not None:
            size, used = size + raw.size, used + raw.size_in_use()[1]
        return size, used

    def dispose(self) -> None:
        if self._sync is not None:
            self._sync.dispose()
        # Engines of loops still running close with their loops; those of ended loops now.
        for loop in [loop for loop in self._engines if loop.is_closed()]:
            self._engines.pop(loop).close_orphaned()
        self._engines = {}


class _LoopEngines:
    """One event loop's two engines, and the driver connections they opened: an asyncio
    connection can only be closed on its own loop, so once that loop has ended
    `close_orphaned` closes them from outside it (psycopg's libpq handle, aiosqlite's thread).
    Without it every ended loop (each test client, each `asyncio.run`) held its connections
    until garbage collection, and a long test run reached PostgreSQL's `max_connections`."""

    def __init__(self, transactions: AsyncEngine, reads: AsyncEngine) -> None:
        self.transactions, self.reads = transactions, reads
        self.raw: RawPool | None = None
        self.drivers: weakref.WeakSet[Any] = weakref.WeakSet()
        for engine in (transactions, reads):
            event.listen(engine.sync_engine, "connect", self._opened)

    def _opened(self, dbapi_connection: Any, _record: Any) -> None:
        self.drivers.add(dbapi_connection.driver_connection)

    def close_orphaned(self) -> None:
        threads = []
        for driver in list(self.drivers):
            pgconn = getattr(driver, "pgconn", None)
            if pgconn is not None:
                pgconn.finish()  # psycopg: closes the socket; the connection reads as closed
            elif hasattr(driver, "stop"):
                threads.append(driver)
        self.drivers.clear()
        if threads:
            # aiosqlite: `stop` closes the sqlite3 handle on the connection's own thread. Called
            # where no event loop is current, it asks for no answer; an answer to a loop that
            # has ended meanwhile would fail in that thread.
            threading.Thread(target=lambda: [d.stop() for d in threads], daemon=True).start()


def names_constraints(session: AsyncSession) -> bool:
    """Does the session's database name the constraint a failed write broke (PostgreSQL does;
    SQLite's messages do not)? Where it does, a service may leave a check to a constraint."""
    return session.get_bind().dialect.name == "postgresql"


def violated_constraint(exc: BaseException) -> str | None:
    """The constraint an IntegrityError broke, where the database names it (PostgreSQL)."""
    if not isinstance(exc, IntegrityError):
        return None
    diag = getattr(exc.orig, "diag", None)
    return getattr(diag, "constraint_name", None)


def violation(exc: IntegrityError) -> str:
    """What a failed write broke: "unique", "foreign_key", or "other" (a NOT NULL, a CHECK)."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is not None:  # PostgreSQL
        return {"23505": "unique", "23503": "foreign_key"}.get(sqlstate, "other")
    message = str(exc.orig)  # SQLite
    if message.startswith("UNIQUE constraint failed"):
        return "unique"
    return "foreign_key" if message.startswith("FOREIGN KEY constraint failed") else "other"


def on_commit(session: AsyncSession, action: Callable[[], Any]) -> None:
    """Run `action` (a function, or one returning an awaitable) once this unit has committed."""
    session.info.setdefault("on_commit", []).append(action)


async def run_on_commit(session: AsyncSession) -> None:
    """The unit committed: run what was waiting for it (whoever commits calls this)."""
    for action in session.info.pop("on_commit", []):
        result = action()
        if inspect.isawaitable(result):
            await result


class _DriverOnly:
    """A driver connection as the engine's "connect" listeners see one (`driver_connection`),
    for connections opened outside the engine (storage/reads.py)."""

    def __init__(self, driver_connection: Any) -> None:
        self.driver_connection = driver_connection


def _session_used(session: AsyncSession) -> bool:
    """False for a read unit that ran only plain reads on the driver: no session transaction."""
    return not isinstance(session, ReadSession) or session.in_use


@asynccontextmanager
async def _unit(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    try:
        yield session  # autobegins on the first statement
        if _session_used(session):
            await session.commit()
    except BaseException as exc:
        session.info.pop("on_commit", None)
        with anyio.CancelScope(shield=True):
            if isinstance(exc, asyncio.CancelledError | anyio.get_cancelled_exc_class()):
                await interrupt(session)
            if _session_used(session):
                await session.rollback()
        raise
    finally:
        if _session_used(session):
            with anyio.CancelScope(shield=True):
                await session.close()
        else:
            session.release()  # type: ignore[attr-defined]  # a ReadSession (see _session_used)
        _note_if_slow(session)
    await run_on_commit(session)


def _note_if_slow(session: AsyncSession) -> None:
    """Log a transaction that held its connection (on SQLite: the write lock) too long."""
    begun = session.info.get("begun")
    if begun is None or "opened_in" not in session.info:
        return
    held = time.monotonic() - begun
    if held > SLOW_TRANSACTION_SECONDS:
        fields = {"seconds": round(held, 3), "opened_in": session.info["opened_in"]}
        log.warning("slow transaction", extra={"fields": fields})


def _remember_driver(session: Session, _transaction: object, connection: Connection) -> None:
    # Kept before any statement runs: once a statement is cancelled, SQLAlchemy invalidates the
    # connection and no longer hands out its driver connection.
    session.info["driver"] = connection.connection.driver_connection
    session.info["begun"] = time.monotonic()
    # SQLite enforces the unit's deadline itself (the progress handler set at connect), so a slow
    # statement fails cleanly instead of being cancelled mid-flight.
    holder = connection.connection.info.get("deadline")
    if holder is not None:
        deadline = session.info.get("deadline")
        holder[0] = None if deadline is None else deadline - DEADLINE_MARGIN


def _sqlite_on_checkin(_dbapi_connection, record) -> None:
    holder = record.info.get("deadline")
    if holder is not None:
        holder[0] = None  # a pooled connection never carries a finished unit's deadline


event.listen(Session, "after_begin", _remember_driver)


async def interrupt(session: AsyncSession) -> None:
    """Stop the statement the session's connection is running, if any (best effort)."""
    driver = session.info.get("driver")
    inner = getattr(driver, "_connection", None)
    if isinstance(inner, sqlite3.Connection):
        inner.interrupt()  # thread-safe by design: the query runs on aiosqlite's thread
        try:
            # Queued behind the interrupted statement: release the write lock now, whatever
            # SQLAlchemy does with the connection it has given up on.
            await driver.rollback()
        except Exception:  # noqa: BLE001, S110 - closing the connection releases it too
            pass
    elif driver is not None and hasattr(driver, "cancel"):
        try:
            await anyio.to_thread.run_sync(driver.cancel)
        except Exception:  # noqa: BLE001, S110 - the statement timeout is the backstop
            pass


def _sqlite_on_connect(dbapi_connection, record) -> None:
    # The driver's own transaction handling is off (it would begin late and break SAVEPOINT);
    # SQLAlchemy's "begin" event below starts transactions instead (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    raw = getattr(dbapi_connection, "driver_connection", dbapi_connection)
    raw = getattr(raw, "_connection", raw)  # aiosqlite keeps the sqlite3 connection here
    holder: list[float | None] = [None]
    record.info["deadline"] = holder
    raw.set_progress_handler(
        lambda: 1 if holder[0] is not None and time.monotonic() > holder[0] else 0, 10_000
    )
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(conn) -> None:
    # IMMEDIATE takes the write lock up front (waiting up to the busy timeout), so a transaction
    # that reads then writes never fails on a lock upgrade. Only the transaction engines listen:
    # reads and pings use the autocommit engine and take no lock.
    conn.exec_driver_sql("BEGIN IMMEDIATE")
