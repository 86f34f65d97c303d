"""How many event streams each caller has open (CHARTER_EVENTS_MAX_STREAMS): shared by every
process through Redis when it is configured, counted in process memory otherwise, or while
Redis does not answer (as the rate limiter does, charter.platform.ratelimit).

A slot is a lease, renewed by its stream at every heartbeat: a process that dies holding
slots frees them when their leases run out instead of locking its callers out for good.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
import weakref
from typing import Any

from charter.platform import runtime
from charter.platform.clock import utcnow

log = logging.getLogger("charter.events")
REDIS_RETRY_SECONDS = 5.0

# KEYS[1]: the caller's sorted set of slots (member: token, score: lease end in ms).
# ARGV: now (ms), the new lease's end (ms), the most slots, the token, the key's lifetime (ms).
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
"""


def lease_seconds() -> float:
    """Three heartbeats, at least a minute: a slot outlives a stream by at most this."""
    return max(60.0, 3 * runtime.current().settings.events_heartbeat_seconds)


class StreamSlots:
    def __init__(self) -> None:
        self._memory: dict[str, dict[str, float]] = {}
        self._lock = threading.Lock()
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = (
            weakref.WeakKeyDictionary()
        )
        self._retry_redis_at = 0.0
        self.degraded = False

    async def acquire(self, caller: str, limit: int) -> str | None:
        """A slot's token, or None when the caller holds `limit` slots already."""
        token = secrets.token_hex(8)
        now = utcnow().timestamp()
        until = now + lease_seconds()
        client = self._redis()
        if client is not None:
            try:
                script = client.register_script(_ACQUIRE)
                keys = [self._key(caller)]
                args = [int(now * 1000), int(until * 1000), limit, token, int(until - now) * 1000]
                taken = await script(keys=keys, args=args)
                self._redis_answered()
                return token if taken else None
            except Exception as exc:  # noqa: BLE001 - Redis down must not take streams down
                self._redis_failed(exc)
        with self._lock:
            held = {t: end for t, end in self._memory.get(caller, {}).items() if end > now}
            if len(held) >= limit:
                self._memory[caller] = held
                return None
            held[token] = until
            self._memory[caller] = held
        return token

    async def renew(self, caller: str, token: str) -> None:
        until = utcnow().timestamp() + lease_seconds()
        client = self._redis()
        if client is not None:
            try:
                await client.zadd(self._key(caller), {token: int(until * 1000)}, xx=True)
                await client.pexpire(self._key(caller), int(lease_seconds() * 1000))
            except Exception as exc:  # noqa: BLE001
                self._redis_failed(exc)
        with self._lock:
            held = self._memory.get(caller)
            if held is not None and token in held:
                held[token] = until

    async def release(self, caller: str, token: str) -> None:
        client = self._redis()
        if client is not None:
            try:
                await client.zrem(self._key(caller), token)
            except Exception as exc:  # noqa: BLE001
                self._redis_failed(exc)
        with self._lock:
            held = self._memory.get(caller)
            if held is not None:
                held.pop(token, None)
                if not held:
                    del self._memory[caller]

    @staticmethod
    def _key(caller: str) -> str:
        return f"charter:streams:{caller}"

    def _redis(self) -> Any:
        url = runtime.current().settings.redis_url
        if not url or time.monotonic() < self._retry_redis_at:
            return None
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            import redis.asyncio

            client = redis.asyncio.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
            self._clients[loop] = client
        return client

    def _redis_answered(self) -> None:
        if self.degraded:
            log.warning("event stream slots are shared through Redis again")
        self.degraded = False

    def _redis_failed(self, exc: Exception) -> None:
        if not self.degraded:
            log.error(
                "Redis (CHARTER_REDIS_URL) unreachable (%s): event stream limits are counted "
                "per process",
                type(exc).__name__,
            )
        self.degraded = True
        self._retry_redis_at = time.monotonic() + REDIS_RETRY_SECONDS


slots = StreamSlots()
