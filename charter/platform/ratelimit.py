"""Rate limits: one round trip to Redis per request (count and reset together), in-process
counters when Redis is not configured or not reachable.

Policies: per organization by plan (from the plans table, each window optional: a one-second
burst and a minute, both moving windows, and an hour and a day, fixed windows aligned to UTC;
docs/RATE_LIMITS.md), per client IP for requests without valid credentials, and per operation
class from the spec's `x-rate-limit` (`auth`: per IP, `export`: per caller). A request counts
against every policy that applies only when all of them allow it; the most constraining window
is reported.
Operations declared `x-rate-limit: none` (health probes) are never counted.

Redis is optional to the API's availability, as in Kong's fault-tolerant rate limiting: when it
stops answering, every process counts in its own memory (limits then hold per process rather
than per cluster), tries Redis again every few seconds, and goes back to it by itself.

Why not the `limits` library: its API needs a `hit` and a `get_window_stats` call per rule, so a
request on a plan cost four Redis round trips; the script below does every rule in one.

Time is `charter.platform.clock.utcnow`, also when counting in Redis (the script gets "now"
from the caller), so tests move it forward instead of sleeping.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import secrets
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass
from typing import Any

from charter.platform.clock import utcnow

log = logging.getLogger("charter.ratelimit")
REDIS_RETRY_SECONDS = 5.0
UNLIMITED = "none"  # the `x-rate-limit` of operations that are never counted

# A plan's windows: the Principal attribute holding the limit, the window's name in the policy,
# its length and whether it is a moving window (an exact log of hits, for the short windows) or
# a fixed one (one counter per UTC-aligned hour or day: a log of 10,000 hits an hour per
# organization would cost Redis memory and time for no useful precision).
PLAN_WINDOWS = (
    ("burst", "burst", 1, True),
    ("requests_per_minute", "minute", 60, True),
    ("requests_per_hour", "hour", 3600, False),
    ("requests_per_day", "day", 86400, False),
)

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*(?:/|per)\s*(\d+)?\s*(second|minute|hour|day)s?\s*$", re.I)


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds}s"


def parse_rate(text: str) -> Rate:
    """`60/minute`, `10 per 1 second`, `1000/day` -> Rate; ValueError otherwise."""
    match = _RATE.match(text)
    if match is None:
        raise ValueError(f"not a rate like '60/minute': {text!r}")
    amount, multiple, unit = match.groups()
    return Rate(int(amount), int(multiple or 1) * _UNITS[unit.lower()])


@dataclass(frozen=True)
class Rule:
    key: str
    rate: Rate
    policy: str
    moving: bool  # moving window (exact, a log of hits) or fixed window (one counter)

    @property
    def storage_key(self) -> str:
        # The rate is part of the key, as in `limits`: a changed limit starts fresh counters
        # instead of inheriting ones counted against another limit.
        return f"charter:rl:{self.policy}:{self.rate}:{self.key}"

    def key_at(self, now_ms: int) -> str:
        """The counter this request counts in: a fixed window's key names its window (windows
        are aligned to the epoch, so every process agrees on them without asking)."""
        if self.moving:
            return self.storage_key
        return f"{self.storage_key}:{now_ms // (self.rate.seconds * 1000)}"


def fixed_window_end(now: float, seconds: int) -> float:
    """The end of the aligned fixed window holding `now` (the next UTC hour, the next 00:00)."""
    return (now // seconds + 1) * seconds


@dataclass
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset_at: float  # unix time at which the window frees a request
    window: int  # seconds
    policy: str
    now: float  # unix time of the check

    @property
    def reset_in(self) -> int:
        return min(self.window, max(0, math.ceil(self.reset_at - self.now)))

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


# Keys live a minute past their window (a process whose clock lags still finds the hits it counts).
# KEYS: one per rule (a fixed window's key names its window). ARGV: now (ms), a unique member,
# then per rule: limit, window (ms), moving. Returns per rule: count after this request (or
# before, when denied), reset time (ms), and finally 1 if the request was allowed (and counted
# everywhere), else 0.
_SCRIPT = """
local now = tonumber(ARGV[1])
local member = ARGV[2]
local counts, resets, allowed = {}, {}, 1
for i, key in ipairs(KEYS) do
  local base = 2 + (i - 1) * 3
  local limit, window, moving = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), ARGV[base + 3]
  local count, reset
  if moving == '1' then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
    count = redis.call('ZCARD', key)
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    reset = (oldest[2] and tonumber(oldest[2]) or now) + window
  else
    count = tonumber(redis.call('GET', key) or '0')
    reset = (math.floor(now / window) + 1) * window
  end
  if count >= limit then allowed = 0 end
  counts[i], resets[i] = count, reset
end
if allowed == 1 then
  for i, key in ipairs(KEYS) do
    local base = 2 + (i - 1) * 3
    local window, moving = tonumber(ARGV[base + 2]), ARGV[base + 3]
    if moving == '1' then
      redis.call('ZADD', key, now, member .. ':' .. i)
      redis.call('PEXPIRE', key, window + 60000)
      if counts[i] == 0 then resets[i] = now + window end
    else
      if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, resets[i] - now + 60000) end
    end
    counts[i] = counts[i] + 1
  end
end
local out = {}
for i = 1, #KEYS do out[#out + 1] = counts[i]; out[#out + 1] = resets[i] end
out[#out + 1] = allowed
return out
"""


class MemoryCounters:
    """The same algorithm in process memory (thread-safe, no I/O)."""

    def __init__(self) -> None:
        self._logs: dict[str, deque[float]] = {}
        self._fixed: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, rules: list[Rule], now: float) -> tuple[list[tuple[int, float]], bool]:
        with self._lock:
            if len(self._logs) + len(self._fixed) > 100_000:
                self._logs.clear()
                self._fixed.clear()
            states = [self._state(rule, now) for rule in rules]
            allowed = all(
                count < rule.rate.amount for rule, (count, _) in zip(rules, states, strict=True)
            )
            if not allowed:
                return states, False
            counted = []
            for rule, (count, reset) in zip(rules, states, strict=True):
                if rule.moving:
                    self._logs.setdefault(rule.storage_key, deque()).append(now)
                    reset = reset if count else now + rule.rate.seconds
                else:
                    self._fixed[rule.storage_key] = (reset, count + 1)
                counted.append((count + 1, reset))
            return counted, True

    def _state(self, rule: Rule, now: float) -> tuple[int, float]:
        if rule.moving:
            log_ = self._logs.get(rule.storage_key)
            if log_ is None:
                return 0, now + rule.rate.seconds
            while log_ and log_[0] <= now - rule.rate.seconds:
                log_.popleft()
            return len(log_), (log_[0] if log_ else now) + rule.rate.seconds
        end = fixed_window_end(now, rule.rate.seconds)
        counted_end, count = self._fixed.get(rule.storage_key, (0.0, 0))
        return (count if counted_end == end else 0), end

    def reset(self) -> None:
        with self._lock:
            self._logs.clear()
            self._fixed.clear()


class RateLimiter:
    def __init__(self, settings: Any) -> None:
        self.enabled = settings.rate_limits_enabled
        self._redis_url = settings.redis_url
        # An asyncio Redis connection belongs to the event loop that opened it.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = (
            weakref.WeakKeyDictionary()
        )
        self.memory = MemoryCounters()
        self.degraded = False  # Redis configured but unreachable: counting per process
        self._retry_redis_at = 0.0
        self.anonymous = parse_rate(settings.anonymous_rate_limit)
        self.auth = parse_rate(settings.auth_rate_limit)
        self.export = parse_rate(settings.export_rate_limit)
        self.oauth_token = parse_rate(settings.oauth_token_rate_limit)

    def rules(self, *, principal: Any, client_ip: str | None, rate_class: str) -> list[Rule]:
        """The policies a request counts against."""
        rules: list[Rule] = []
        if principal is not None:
            for attribute, window, seconds, moving in PLAN_WINDOWS:
                amount = getattr(principal, attribute, None)
                if amount:  # None (or 0): no limit on this window
                    policy = f"plan-{principal.plan}-{window}"
                    rules.append(Rule(principal.rate_key, Rate(amount, seconds), policy, moving))
            if rate_class == "export":
                rules.append(Rule(f"export:{principal.id}", self.export, "export", True))
        else:
            rules.append(Rule(f"ip:{client_ip}", self.anonymous, "anonymous", True))
        if rate_class == "auth":
            rules.append(Rule(f"auth:{client_ip}", self.auth, "auth", True))
        return rules

    async def check(
        self, *, principal: Any, client_ip: str | None, rate_class: str = "default"
    ) -> Verdict | None:
        """Count this request against every policy that applies; None when limits are off or
        the operation is not rate limited (`x-rate-limit: none`)."""
        if not self.enabled or rate_class == UNLIMITED:
            return None
        rules = self.rules(principal=principal, client_ip=client_ip, rate_class=rate_class)
        if not rules:
            return None
        now = utcnow().timestamp()
        states, allowed = await self._hit(rules, now)
        verdicts = [
            Verdict(
                allowed=allowed or count < rule.rate.amount,
                limit=rule.rate.amount,
                remaining=max(0, rule.rate.amount - count),
                reset_at=reset,
                window=rule.rate.seconds,
                policy=rule.policy,
                now=now,
            )
            for rule, (count, reset) in zip(rules, states, strict=True)
        ]
        if not allowed:
            denied = [v for v in verdicts if not v.allowed] or verdicts
            return max(denied, key=lambda v: v.reset_at)
        return min(verdicts, key=lambda v: (v.remaining, v.reset_at))

    async def check_oauth_client(self, client_id: str, client_ip: str | None) -> Verdict | None:
        """The OAuth token endpoint's own class (`x-rate-limit: token`): counted per client once
        the client has authenticated, so a stranger cannot spend a client's allowance. A public
        client has no secret (anyone may name it), so it is counted per client and caller IP:
        pass `client_ip` for public clients, None for confidential ones."""
        if not self.enabled:
            return None
        name = f"oauth-token:{client_id}" + (f":{client_ip}" if client_ip is not None else "")
        rule = Rule(name, self.oauth_token, "oauth-token", True)
        now = utcnow().timestamp()
        states, allowed = await self._hit([rule], now)
        count, reset = states[0]
        return Verdict(
            allowed=allowed or count < rule.rate.amount,
            limit=rule.rate.amount,
            remaining=max(0, rule.rate.amount - count),
            reset_at=reset,
            window=rule.rate.seconds,
            policy=rule.policy,
            now=now,
        )

    async def _hit(self, rules: list[Rule], now: float) -> tuple[list[tuple[int, float]], bool]:
        if not self._redis_url or time.monotonic() < self._retry_redis_at:
            return self.memory.hit(rules, now)
        if self.degraded:
            # One request probes Redis; those arriving meanwhile count in memory instead of
            # all waiting on a host that may only answer with the socket timeout.
            self._retry_redis_at = time.monotonic() + REDIS_RETRY_SECONDS
        now_ms = int(now * 1000)
        try:
            result = await self._script()(
                keys=[rule.key_at(now_ms) for rule in rules],
                args=[now_ms, secrets.token_hex(8)]
                + [
                    value
                    for rule in rules
                    for value in (rule.rate.amount, rule.rate.seconds * 1000, int(rule.moving))
                ],
            )
        except Exception as exc:  # noqa: BLE001 - Redis down must not take the API down
            if not self.degraded:
                log.error(
                    "Redis (CHARTER_REDIS_URL) unreachable (%s): rate limits degrade to "
                    "per-process counters",
                    type(exc).__name__,
                )
            self.degraded = True
            # Try Redis again in a few seconds, not on every request: an unreachable host would
            # otherwise cost each request the connect timeout.
            self._retry_redis_at = time.monotonic() + REDIS_RETRY_SECONDS
            return self.memory.hit(rules, now)
        if self.degraded:
            log.warning("rate limits are shared through Redis again")
        self.degraded = False
        self._retry_redis_at = 0.0
        states = [(int(result[2 * i]), int(result[2 * i + 1]) / 1000) for i in range(len(rules))]
        return states, bool(result[-1])

    def _script(self) -> Any:
        import redis.asyncio

        loop = asyncio.get_running_loop()
        script = self._clients.get(loop)
        if script is None:
            client = redis.asyncio.Redis.from_url(
                self._redis_url, socket_timeout=1, socket_connect_timeout=1
            )
            script = client.register_script(_SCRIPT)
            self._clients[loop] = script
        return script

    async def reset(self) -> None:
        self.memory.reset()
        if self._redis_url:
            client = self._script().registered_client
            async for key in client.scan_iter(match="charter:rl:*"):
                await client.delete(key)
