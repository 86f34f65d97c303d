"""Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).

Hashing runs on handler threads (never the event loop) and at most
CHARTER_PASSWORD_HASH_CONCURRENCY at once per process, so logins saturate at most that many
cores and other requests keep the rest.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_slots: tuple[int, threading.BoundedSemaphore] | None = None
_slots_lock = threading.Lock()


def _semaphore() -> threading.BoundedSemaphore:
    global _slots
    from charter import runtime

    wanted = runtime.current().settings.password_hash_concurrency or max(
        1, (os.cpu_count() or 2) - 1
    )
    with _slots_lock:
        if _slots is None or _slots[0] != wanted:
            _slots = (wanted, threading.BoundedSemaphore(wanted))
        return _slots[1]


@contextmanager
def _slot():
    semaphore = _semaphore()
    with semaphore:
        yield


def hash_password(password: str) -> str:
    with _slot():
        return hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    with _slot():
        try:
            return hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
