"""The process-wide runtime: settings, database and the rate limiter, built once."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from charter.settings import Settings
from storage.db import Database


@dataclass
class Runtime:
    settings: Settings
    db: Database
    started_at: float = field(default_factory=time.monotonic)
    limiter: object | None = None  # charter.ratelimit.RateLimiter


_current: Runtime | None = None


def init(settings: Settings) -> Runtime:
    global _current
    from charter.ratelimit import RateLimiter

    if _current is not None:
        _current.db.dispose()
    db = Database(
        settings.sqlalchemy_url, pool_size=settings.db_pool_size, threads=settings.threads
    )
    _current = Runtime(settings=settings, db=db)
    _current.limiter = RateLimiter(settings)
    return _current


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("charter runtime not initialised: call charter.app.create_app()")
    return _current
