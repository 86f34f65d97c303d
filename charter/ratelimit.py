"""Rate limits with the `limits` library: Redis storage when configured, memory otherwise.

Policies: per organization by plan (minute and day windows, from the plans table), per client IP
for requests without valid credentials, and seed 003's stricter auth (per IP) and export (per
caller) limits. The most constraining window is reported in the headers.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import time
import weakref
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerDay, RateLimitItemPerMinute, parse
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter as SyncFixed
from limits.strategies import MovingWindowRateLimiter as SyncMoving

from charter.settings import Settings

AUTH_PATHS = frozenset({"/v2/auth/login", "/v2/auth/refresh", "/api/v1/auth/login", "/oauth/token"})
EXPORT_PATHS = frozenset({"/api/v1/data/export"})


@dataclass
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset_at: float  # unix time at which the window frees a request
    window: int  # seconds
    policy: str

    @property
    def reset_in(self) -> int:
        return min(self.window, max(0, math.ceil(self.reset_at - time.time())))

    @property
    def retry_after(self) -> int:
        return max(1, self.reset_in)

    def headers(self) -> dict[str, str]:
        reset_in = self.reset_in
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(math.ceil(self.reset_at)),
            "RateLimit-Policy": f'"{self.policy}";q={self.limit};w={self.window}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={reset_in}',
        }


class RateLimiter:
    def __init__(self, settings: Settings) -> None:
        self.enabled = settings.rate_limits_enabled
        self._redis_url = settings.redis_url
        # An async Redis connection belongs to the event loop that opened it; a process normally
        # has one loop, but tests and embedded servers run several.
        self._per_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        # In memory, the synchronous storage (thread locks, no I/O) serves every event loop.
        self._memory = None if settings.redis_url else storage_from_string("memory://")
        self.anonymous = parse(settings.anonymous_rate_limit)
        self.auth = parse(settings.auth_rate_limit)
        self.export = parse(settings.export_rate_limit)

    def _strategies(self):
        if self._memory is not None:
            return SyncMoving(self._memory), SyncFixed(self._memory), self._memory
        loop = asyncio.get_running_loop()
        for stale in [other for other in self._per_loop if other.is_closed()]:
            del self._per_loop[stale]
        storage = self._per_loop.get(loop)
        if storage is None:
            storage = storage_from_string("async+" + self._redis_url, implementation="redispy")
            self._per_loop[loop] = storage
        return MovingWindowRateLimiter(storage), FixedWindowRateLimiter(storage), storage

    async def check(self, *, principal, client_ip: str | None, method: str, path: str):
        """Count this request against every policy that applies; None when limits are off."""
        if not self.enabled:
            return None
        rules: list[tuple[RateLimitItem, str, str, bool]] = []  # item, key, policy, moving
        if principal is not None:
            if principal.requests_per_minute:
                item = RateLimitItemPerMinute(principal.requests_per_minute)
                rules.append((item, principal.rate_key, f"plan-{principal.plan}-minute", True))
            if principal.requests_per_day:
                item = RateLimitItemPerDay(principal.requests_per_day)
                rules.append((item, principal.rate_key, f"plan-{principal.plan}-day", False))
            if method == "POST" and path in EXPORT_PATHS:
                rules.append((self.export, f"export:{principal.id}", "export", True))
        else:
            rules.append((self.anonymous, f"ip:{client_ip}", "anonymous", True))
        if path in AUTH_PATHS:
            rules.append((self.auth, f"auth:{client_ip}", "auth", True))
        if not rules:
            return None
        moving_limiter, fixed_limiter, _ = self._strategies()
        verdicts = []
        for item, key, policy, moving in rules:
            strategy = moving_limiter if moving else fixed_limiter
            allowed = await _maybe_await(strategy.hit(item, policy, key))
            stats = await _maybe_await(strategy.get_window_stats(item, policy, key))
            verdicts.append(
                Verdict(
                    allowed=allowed,
                    limit=item.amount,
                    remaining=max(0, stats.remaining),
                    reset_at=stats.reset_time,
                    window=item.get_expiry(),
                    policy=policy,
                )
            )
        denied = [v for v in verdicts if not v.allowed]
        if denied:
            return max(denied, key=lambda v: v.reset_at)
        return min(verdicts, key=lambda v: (v.remaining, v.reset_at))

    async def reset(self) -> None:
        await _maybe_await(self._strategies()[2].reset())


async def _maybe_await(value):
    return await value if inspect.isawaitable(value) else value
