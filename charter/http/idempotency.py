"""Idempotency keys for POST (seed 002): one execution per (caller, key) for 24 hours.

Two transactions per first request: the claim (an in-flight row; the primary key (caller, key)
makes a concurrent duplicate fail to insert, so two racing requests run once), then the work and
the stored response, committed together before the response's first byte is sent, so a retry
can never see the work without its response. Only 2xx results are kept: anything else changed
nothing (or only what must count, like failed logins), and the key is released.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import anyio
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform import runtime
from charter.platform.clock import utcnow
from charter.platform.errors import IdempotencyInFlight, IdempotencyMismatch
from storage.models import IdempotencyRecord
from storage.repositories import idempotency as repo
from storage.repositories.common import add

HEADER_NAMES = ("idempotency-key", "x-idempotency-key")
KEPT_HEADERS = ("content-type", "location")


@dataclass
class Replay:
    status: int
    headers: dict[str, str]
    body: bytes


def request_fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def claim(owner: str, key: str, fingerprint: str) -> Replay | None:
    """Claim the key (None), or return the stored result; raises 409/422 domain errors."""
    rt = runtime.current()
    now = utcnow()
    for _ in range(2):
        try:
            async with rt.db.transaction() as session:
                record = await repo.get_idempotency(session, owner, key)
                if record is not None and record.expires_at <= now:
                    await session.delete(record)
                    await session.flush()
                    record = None
                if record is None:
                    ttl = timedelta(hours=rt.settings.idempotency_ttl_hours)
                    await add(
                        session,
                        IdempotencyRecord(
                            principal=owner,
                            key=key,
                            request_hash=fingerprint,
                            state="in_flight",
                            created_at=now,
                            expires_at=now + ttl,
                        ),
                    )
                    return None
                if record.request_hash != fingerprint:
                    raise IdempotencyMismatch()
                if record.state != "completed":
                    raise IdempotencyInFlight()
                return Replay(
                    record.status_code or 200,
                    dict(record.response_headers or {}),
                    record.response_body or b"",
                )
        except IntegrityError:
            continue  # a concurrent request claimed it first: read what it stored
    raise IdempotencyInFlight()


async def complete(
    session: AsyncSession, owner: str, key: str, status: int, headers: dict[str, Any], body: bytes
) -> None:
    """In the request's own transaction: store a 2xx result for replay, else release the key."""
    record = await repo.get_idempotency(session, owner, key)
    if record is None:
        return
    if 200 <= status < 300:
        record.state = "completed"
        record.status_code = status
        record.response_headers = {k: v for k, v in headers.items() if k in KEPT_HEADERS}
        record.response_body = body
        await session.flush()
    else:
        await session.delete(record)
        await session.flush()


async def release(owner: str, key: str) -> None:
    """Free the key after a failure (in its own transaction, shielded from cancellation)."""
    with anyio.CancelScope(shield=True):
        async with runtime.current().db.transaction() as session:
            await repo.delete_idempotency(session, owner, key)
