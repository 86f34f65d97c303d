"""The process-wide runtime: settings, database, Redis and the rate limiter, built once."""

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
    redis: object | None = None  # redis.asyncio.Redis when CHARTER_REDIS_URL is set
    limiter: object | None = None  # charter.ratelimit.RateLimiter


_current: Runtime | None = None


def init(settings: Settings) -> Runtime:
    global _current
    from charter.ratelimit import RateLimiter

    if _current is not None:
        _current.db.dispose()
    db = Database(settings.sqlalchemy_url, pool_size=settings.db_pool_size)
    redis_client = None
    if settings.redis_url:
        import redis.asyncio

        redis_client = redis.asyncio.from_url(settings.redis_url, socket_timeout=2)
    _current = Runtime(settings=settings, db=db, redis=redis_client)
    _current.limiter = RateLimiter(settings)
    return _current


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("charter runtime not initialised: call charter.app.create_app()")
    return _current
