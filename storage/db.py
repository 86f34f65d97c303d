"""Engine and transactions for SQLite (embedded default) and PostgreSQL (scale-out)."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

# Monotonic time by which the current request's database work must finish; set per request by
# the web layer, None outside requests (CLI, worker).
deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar("deadline", default=None)


class Database:
    def __init__(self, url: str, *, pool_size: int = 10, threads: int = 10) -> None:
        self.url = url
        self.dialect = "sqlite" if url.startswith("sqlite") else "postgresql"
        if self.dialect == "sqlite":
            database = make_url(url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            # One pooled connection per handler thread: opening SQLite connections is cheap, but
            # churning them under load showed up in profiles.
            self.engine: Engine = create_engine(
                url,
                connect_args={"timeout": 30, "check_same_thread": False},
                pool_size=threads,
                max_overflow=threads,
            )
            event.listen(self.engine, "connect", _sqlite_on_connect)
            with self.engine.connect() as conn:
                # WAL is a property of the database file: set once, not on every connection.
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        else:
            # prepare_threshold=None: prepared statements get generic plans that are slow for
            # JSONB filters (see DESIGN.md).
            self.engine = create_engine(
                url,
                connect_args={"prepare_threshold": None},
                pool_size=pool_size,
                max_overflow=pool_size * 2,
                pool_pre_ping=True,
                pool_recycle=1800,
            )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction; committed on success, rolled back on any exception.

        If the request has a deadline, the database cancels the work when it passes
        (PostgreSQL statement_timeout, SQLite progress handler) so nothing is left running.
        """
        until = deadline.get()
        with self._sessions() as session, session.begin():
            if until is not None:
                self._apply_deadline(session, until)
            try:
                yield session
            finally:
                if until is not None and self.dialect == "sqlite":
                    session.connection().connection.dbapi_connection.set_progress_handler(None, 0)

    def _apply_deadline(self, session: Session, until: float) -> None:
        remaining = until - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("request deadline passed before database work started")
        if self.dialect == "postgresql":
            session.execute(text(f"SET LOCAL statement_timeout = {max(1, int(remaining * 1000))}"))
        else:
            raw = session.connection().connection.dbapi_connection
            raw.set_progress_handler(lambda: 1 if time.monotonic() > until else 0, 10_000)

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def pool_status(self) -> tuple[int | None, int | None]:
        pool = self.engine.pool
        size = getattr(pool, "size", None)
        checked_out = getattr(pool, "checkedout", None)
        return (
            size() if callable(size) else None,
            checked_out() if callable(checked_out) else None,
        )

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
