"""Reads straight on the driver: a read-only unit of work on PostgreSQL runs its plain SELECTs on
a pooled psycopg connection in autocommit, without SQLAlchemy's engine and session machinery.

Why: a one-row read through `AsyncSession` cost about 790 us of CPU on this machine, of which the
driver's own work was about 170 us; the rest was the session's state machine, the engine's
execution context, the pool checkout through a greenlet and the result proxy (measured with
storage/db.py's read unit, a Core `AsyncConnection` and raw psycopg side by side). The SQL is still
SQLAlchemy's: a statement is compiled by the dialect once per cache key, exactly as the engine would
(`_init_compiled` in `sqlalchemy.engine.default` is the model for `_prepare`), and its bind and
result processors run, so a row reads the same whichever path produced it.

Only what can be run this way is: a Core or column-only ORM `Select` with no execution options.
Anything else a read unit does (an ORM entity load, `get`) goes through the session as before, on
the autocommit engine. SQLite keeps the session path: its cost is the driver's thread hop.
"""

from __future__ import annotations

import asyncio
import json
import time
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from psycopg import pq
from psycopg.types.json import set_json_loads
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.engine.result import IteratorResult, Result, SimpleResultMetaData
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.util import LRUCache

_COMPILED: LRUCache[Any, _Compiled] = LRUCache(1000)


@dataclass(slots=True)
class _Compiled:
    compiled: SQLCompiler
    expands: bool  # IN lists and literal-execute parameters are rendered per execution
    # Built at the first execution: a column's result processor may depend on the type the
    # server answers with (NUMERIC's does), as the engine's does.
    metadata: SimpleResultMetaData | None = None

    def result_metadata(self, dialect: Dialect, types: list[int]) -> SimpleResultMetaData:
        if self.metadata is None:
            columns = self.compiled._result_columns
            processors = [
                column[3]._cached_result_processor(dialect, type_code)
                for column, type_code in zip(columns, types, strict=True)
            ]
            self.metadata = SimpleResultMetaData(
                [column[0] for column in columns],
                extra=[column[2] for column in columns],
                _processors=processors if any(processors) else None,
            )
        return self.metadata


def runnable(statement: Any) -> bool:
    """Can `statement` run on the driver directly: a SELECT of columns (Core, or ORM columns),
    with no execution options and no ORM loader options."""
    if type(statement) is not Select or statement._execution_options:
        return False
    if statement._with_options or getattr(statement, "_compile_state_funcs", ()):
        return False
    if statement._propagate_attrs.get("compile_state_plugin") == "orm":
        # ORM attributes in the statement are fine; an entity to load (User, not
        # User.__table__) is not: its rows become instances in the session.
        return all(
            isinstance(column, ColumnElement) or "parententity" not in column._annotations
            for column in statement._raw_columns
        )
    return True


# The statements seen, by identity: one built once (a module constant, a cached builder's) skips
# generating its cache key on every execution, about 0.1 ms of CPU for a small SELECT. An entry
# goes when its statement is collected.
_SEEN: dict[int, tuple[weakref.ref[Any], _Compiled, Any]] = {}


def _forget(identity: int, seen: dict[int, Any] = _SEEN) -> Callable[[weakref.ref[Any]], None]:
    # `seen` is bound now: at interpreter exit the module's globals may be gone before the
    # statements are collected.
    return lambda _ref: seen.pop(identity, None)


def _compile(statement: Select[Any], dialect: Dialect) -> tuple[_Compiled, Any]:
    seen = _SEEN.get(id(statement))
    if seen is not None and seen[0]() is statement:
        return seen[1], seen[2]
    key = statement._generate_cache_key()
    entry = _COMPILED.get(key.key) if key is not None else None
    if entry is None:
        compiled: SQLCompiler = statement._compiler(  # type: ignore[assignment]
            dialect, cache_key=key, column_keys=[], for_executemany=False
        )
        entry = _Compiled(
            compiled, bool(compiled.literal_execute_params or compiled.post_compile_params)
        )
        if key is not None:
            _COMPILED[key.key] = entry
    if key is not None:
        _SEEN[id(statement)] = (weakref.ref(statement, _forget(id(statement))), entry, key)
    return entry, key


def _prepare(entry: _Compiled, key: Any, params: dict[str, Any] | None) -> tuple[str, dict]:
    compiled = entry.compiled
    values: Mapping[str, Any] = compiled.construct_params(
        params, escape_names=False, extracted_parameters=key.bindparams if key else None
    )
    # Tuple-valued processors exist only for expanding parameters, flattened below.
    processors = cast("Mapping[str, Callable[[Any], Any]]", compiled._bind_processors)
    sql = compiled.string
    if entry.expands:
        expanded = compiled._process_parameters_for_postcompile(dict(values))
        sql = expanded.statement
        processors = {**processors, **expanded.processors}
        values = expanded.parameters
    escaped = compiled.escaped_bind_names
    return sql, {
        escaped.get(name, name): (processors[name](value) if name in processors else value)
        for name, value in values.items()
    }


async def run_select(
    conn: psycopg.AsyncConnection[Any],
    engine: Engine,
    statement: Select[Any],
    params: dict[str, Any] | None,
) -> Result[Any]:
    """Run a plain SELECT (see `runnable`) on a driver connection, as the engine would: the
    dialect's SQL, its bind and result processors, its `before_cursor_execute` listeners, and
    driver errors raised as SQLAlchemy's."""
    entry, key = _compile(statement, engine.dialect)
    sql, values = _prepare(entry, key, params)
    if engine.dispatch.before_cursor_execute:
        engine.dispatch.before_cursor_execute(None, None, sql, values, None, False)
    try:
        cursor = await conn.execute(sql, values)
        rows: Sequence[Any] = await cursor.fetchall()  # a SELECT always has a result
        result = cursor.pgresult
        assert result is not None  # noqa: S101 - executed: psycopg keeps its result
        metadata = entry.metadata or entry.result_metadata(
            engine.dialect, [result.ftype(i) for i in range(result.nfields)]
        )
    except psycopg.Error as error:
        raise driver_error(sql, values, error, conn) from error
    return IteratorResult(metadata, iter(rows))


def driver_error(
    sql: str, values: Any, error: psycopg.Error, conn: psycopg.AsyncConnection[Any]
) -> sa_exc.DBAPIError:
    """A psycopg error as SQLAlchemy raises it (IntegrityError for a unique violation, ...)."""
    return cast(
        "sa_exc.DBAPIError",
        sa_exc.DBAPIError.instance(
            sql,
            values,
            error,
            psycopg.Error,
            hide_parameters=True,  # its values stay out of logs, as the engines' (storage/db.py)
            connection_invalidated=conn.broken,
        ),
    )


_decode_json = json.JSONDecoder().decode


def _json_loads(data: str | bytes) -> Any:
    """psycopg's JSON loader, without json.loads's encoding sniffing per value (the server
    sends UTF-8): a fifth less CPU per JSON column of a listed row."""
    return _decode_json(data.decode() if isinstance(data, bytes) else data)


class RawPool:
    """Autocommit psycopg connections of one event loop, handed out last-in first-out, at most
    `size` open; a request waits up to `timeout` seconds for one (as the engine's pool does)."""

    def __init__(
        self,
        conninfo: str,
        *,
        size: int,
        options: str,
        timeout: float = 30.0,
        recycle: float = 1800.0,
        on_connect: Callable[[psycopg.AsyncConnection[Any]], None] | None = None,
    ) -> None:
        self.conninfo, self.size, self.options = conninfo, size, options
        self.timeout, self.recycle, self.on_connect = timeout, recycle, on_connect
        self._idle: list[tuple[psycopg.AsyncConnection[Any], float]] = []
        self._opened = 0
        self._waiters: list[asyncio.Future[None]] = []

    async def acquire(self) -> tuple[psycopg.AsyncConnection[Any], float]:
        deadline = time.monotonic() + self.timeout
        while True:
            while self._idle:
                conn, born = self._idle.pop()
                if not conn.closed and time.monotonic() - born < self.recycle:
                    return conn, born
                await self._discard(conn)
            if self._opened < self.size:
                self._opened += 1
                try:
                    conn = await psycopg.AsyncConnection.connect(
                        self.conninfo, autocommit=True, prepare_threshold=None, options=self.options
                    )
                except BaseException:
                    self._opened -= 1
                    self._wake()
                    raise
                set_json_loads(_json_loads, conn)
                if self.on_connect is not None:
                    self.on_connect(conn)
                return conn, time.monotonic()
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise sa_exc.TimeoutError(
                    f"no database connection free within {self.timeout:g} s"
                ) from None
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)

    def release(self, conn: psycopg.AsyncConnection[Any], born: float) -> None:
        if conn.closed or conn.info.transaction_status != pq.TransactionStatus.IDLE:
            self._opened -= 1
            if not conn.closed:
                conn.pgconn.finish()
        else:
            self._idle.append((conn, born))
        self._wake()

    async def _discard(self, conn: psycopg.AsyncConnection[Any]) -> None:
        self._opened -= 1
        if not conn.closed:
            await conn.close()

    def _wake(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
                return

    def size_in_use(self) -> tuple[int, int]:
        return self._opened, self._opened - len(self._idle)


def direct(statement: Any, params: Any, kw: dict[str, Any]) -> bool:
    """Does this call run on the driver (a plain SELECT, dict or no parameters, no options)?"""
    return not kw and runnable(statement) and (params is None or isinstance(params, dict))


class ReadSession(AsyncSession):
    """A read unit's session: plain SELECTs (see `runnable`) run on a driver connection of the
    loop's `RawPool`, held until the unit closes; everything else is the ordinary session's."""

    def __init__(self, bind: Any, pool: RawPool, engine: Engine, **kw: Any) -> None:
        super().__init__(bind, **kw)
        self._pool, self._engine = pool, engine
        self._raw: tuple[psycopg.AsyncConnection[Any], float] | None = None
        self._used_session = False

    async def execute(  # type: ignore[override]
        self, statement: Any, params: Any = None, **kw: Any
    ) -> Result[Any]:
        if not direct(statement, params, kw):
            self._used_session = True
            return await super().execute(statement, params, **kw)
        return await self._run(statement, params)

    async def scalar(self, statement: Any, params: Any = None, **kw: Any) -> Any:
        if not direct(statement, params, kw):
            self._used_session = True
            return await super().scalar(statement, params, **kw)
        return (await self._run(statement, params)).scalar()

    async def scalars(self, statement: Any, params: Any = None, **kw: Any) -> Any:
        if not direct(statement, params, kw):
            self._used_session = True
            return await super().scalars(statement, params, **kw)
        return (await self._run(statement, params)).scalars()

    async def _run(self, statement: Select[Any], params: dict[str, Any] | None) -> Result[Any]:
        if self._raw is None:
            self._raw = await self._pool.acquire()
            if self._engine.dispatch.begin:
                self._engine.dispatch.begin(None)
        return await run_select(self._raw[0], self._engine, statement, params)

    @property
    def in_use(self) -> bool:
        """Did anything go through the ordinary session (so it needs committing and closing)?
        Any of its methods that touched the database (`get`, `refresh`, ...) began a
        transaction on it."""
        # "driver" is set when the session begins on a connection (storage/db.py), and stays
        # after it commits, so a unit closes the session it used even after committing it.
        return self._used_session or self.sync_session.in_transaction() or "driver" in self.info

    def release(self) -> None:
        """Give the driver connection back (the unit has ended)."""
        raw, self._raw = self._raw, None
        if raw is not None:
            self._pool.release(*raw)

    async def close(self) -> None:
        self.release()
        await super().close()
