"""The process-wide runtime: settings, database and the rate limiter, built once at start."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from charter.platform.ratelimit import RateLimiter
from charter.platform.settings import Settings
from storage.db import Database


@dataclass
class Runtime:
    settings: Settings
    db: Database
    limiter: RateLimiter
    started_at: float = field(default_factory=time.monotonic)


_current: Runtime | None = None


def init(settings: Settings) -> Runtime:
    global _current
    if _current is not None:
        _current.db.dispose()
    db = Database(
        settings.sqlalchemy_url,
        pool_size=settings.db_pool_size,
        statement_timeout_seconds=settings.timeout_standard,
    )
    _current = Runtime(settings=settings, db=db, limiter=RateLimiter(settings))
    return _current


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("charter runtime not initialised: call charter.app.create_app()")
    return _current
