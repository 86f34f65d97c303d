"""Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).

Hashing is CPU-bound, so it runs in worker threads, never on the event loop, and at most
CHARTER_PASSWORD_HASH_CONCURRENCY at once per process: a burst of logins saturates at most that
many cores and other requests keep the rest.
"""

from __future__ import annotations

import asyncio
import os
import weakref

import anyio
import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from charter.platform import runtime

hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# One limiter per event loop (a process normally has one; tests run several).
_limiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


def _limiter() -> anyio.CapacityLimiter:
    wanted = runtime.current().settings.password_hash_concurrency or max(
        1, (os.cpu_count() or 2) - 1
    )
    loop = asyncio.get_running_loop()
    limiter = _limiters.get(loop)
    if limiter is None or limiter.total_tokens != wanted:
        limiter = _limiters[loop] = anyio.CapacityLimiter(wanted)
    return limiter


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def hash_password(password: str) -> str:
    return await anyio.to_thread.run_sync(hasher.hash, password, limiter=_limiter())


async def verify_password(password_hash: str, password: str) -> bool:
    return await anyio.to_thread.run_sync(_verify, password_hash, password, limiter=_limiter())
