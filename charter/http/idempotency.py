"""Idempotency keys for POST (seed 002): one execution per (caller, key) for 24 hours.

Two transactions per first request: the claim (an in-flight row; the primary key (caller, key)
makes a concurrent duplicate fail to insert, so two racing requests run once), then the work and
the stored response, committed together before the response's first byte is sent, so a retry
can never see the work without its response. Only 2xx results are kept: anything else changed
nothing (or only what must count, like failed logins), and the key is released.

A claim is a lease: it ends a minute after the operation's own deadline, so after a crash
(kill -9 mid-request: nothing was committed) a retry runs instead of answering 409 for a day.
Stored answers are encrypted with the PII keys. Operations whose answer carries credentials
(`x-idempotency: no-replay`) keep only that they succeeded: a repeat is refused, never re-run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import anyio
from cryptography.fernet import InvalidToken
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform import crypto, runtime
from charter.platform.clock import utcnow
from charter.platform.errors import IdempotencyInFlight, IdempotencyMismatch
from storage.models import IdempotencyRecord
from storage.repositories import idempotency as repo
from storage.repositories.common import add

HEADER_NAMES = ("idempotency-key", "x-idempotency-key")
KEPT_HEADERS = ("content-type", "location", "etag")
# How long after the operation's deadline an in-flight claim still holds its key.
LEASE_MARGIN_SECONDS = 60
NOT_REPLAYED = (
    "The request with this idempotency key succeeded already. Its answer carried credentials, "
    "which are never stored, so it cannot be replayed; nothing was run again"
)
log = logging.getLogger("charter")


@dataclass
class Replay:
    status: int
    headers: dict[str, str]
    body: bytes


def request_fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    """Keyed: the body may hold a password, and a bare hash of it could be tested offline."""
    digest = crypto.keyed_digest("idempotency-fingerprint")
    for part in (method.encode(), path.encode(), query, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


async def claim(owner: str, key: str, fingerprint: str, lease_seconds: float) -> Replay | None:
    """Claim the key for `lease_seconds` (None), or return the stored result; raises 409/422."""
    rt = runtime.current()
    now = utcnow()
    for _ in range(2):
        try:
            async with rt.db.transaction() as session:
                record = await repo.get_idempotency(session, owner, key)
                if record is not None and record.expires_at <= now:
                    # A finished record past its 24 hours, or a claim whose lease ran out (its
                    # request died without committing anything): the key is free again.
                    await session.delete(record)
                    await session.flush()
                    record = None
                if record is None:
                    await add(
                        session,
                        IdempotencyRecord(
                            principal=owner,
                            key=key,
                            request_hash=fingerprint,
                            state="in_flight",
                            created_at=now,
                            expires_at=now + timedelta(seconds=lease_seconds),
                        ),
                    )
                    return None
                if record.request_hash != fingerprint:
                    raise IdempotencyMismatch()
                if record.state != "completed":
                    raise IdempotencyInFlight()
                return _replay(record)
        except IntegrityError:
            continue  # a concurrent request claimed it first: read what it stored
    raise IdempotencyInFlight()


def _replay(record: IdempotencyRecord) -> Replay:
    if record.response_body is None:
        raise IdempotencyInFlight(NOT_REPLAYED)
    try:
        body = crypto.decrypt_bytes(record.response_body)
    except InvalidToken:
        # Not decryptable with the configured keys (an encryption key was dropped): refuse
        # rather than answer something other than what the first request got.
        log.warning("stored idempotent response cannot be decrypted; refusing the replay")
        raise IdempotencyInFlight(NOT_REPLAYED) from None
    return Replay(record.status_code or 200, dict(record.response_headers or {}), body)


async def complete(
    session: AsyncSession,
    owner: str,
    key: str,
    status: int,
    headers: dict[str, Any],
    body: bytes,
    *,
    replays: bool = True,
) -> None:
    """In the request's own transaction: keep a 2xx result for 24 hours (its answer encrypted,
    or, for `replays=False`, only that it succeeded), else release the key."""
    record = await repo.get_idempotency(session, owner, key)
    if record is None:
        return
    if 200 <= status < 300:
        record.state = "completed"
        record.status_code = status
        record.expires_at = utcnow() + timedelta(
            hours=runtime.current().settings.idempotency_ttl_hours
        )
        if replays:
            record.response_headers = {k: v for k, v in headers.items() if k in KEPT_HEADERS}
            record.response_body = crypto.encrypt_bytes(body)
        await session.flush()
    else:
        await session.delete(record)
        await session.flush()


async def release(owner: str, key: str) -> None:
    """Free the key after a failure (in its own transaction, shielded from cancellation)."""
    with anyio.CancelScope(shield=True):
        async with runtime.current().db.transaction() as session:
            await repo.delete_idempotency(session, owner, key)
