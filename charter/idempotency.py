"""Idempotency keys for POST (seed 002): one execution per (caller, key) for 24 hours.

The first request inserts an in-flight record; the primary key (caller, key) makes a concurrent
duplicate fail to insert, so two racing requests run once. Only successful (2xx) results are
kept: anything else changed nothing, so the key is released and a retry runs again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from charter import runtime
from charter.clock import utcnow
from charter.errors import IdempotencyInFlight, IdempotencyMismatch
from storage import repositories as repo
from storage.models import IdempotencyRecord

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


def begin(scope: str, key: str, fingerprint: str) -> Replay | None:
    """Claim the key, or return the stored result; raises 409/422 domain errors."""
    rt = runtime.current()
    now = utcnow()
    for _ in range(2):
        try:
            with rt.db.transaction() as session:
                record = repo.get_idempotency(session, scope, key)
                if record is not None and record.expires_at <= now:
                    session.delete(record)
                    session.flush()
                    record = None
                if record is None:
                    repo.add(
                        session,
                        IdempotencyRecord(
                            principal=scope,
                            key=key,
                            request_hash=fingerprint,
                            state="in_flight",
                            created_at=now,
                            expires_at=now + timedelta(hours=rt.settings.idempotency_ttl_hours),
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


def finish(scope: str, key: str, status: int, headers: dict[str, str], body: bytes) -> None:
    """Store a 2xx result for replay; release the key for anything else."""
    with runtime.current().db.transaction() as session:
        record = repo.get_idempotency(session, scope, key)
        if record is None:
            return
        if 200 <= status < 300:
            record.state = "completed"
            record.status_code = status
            record.response_headers = {k: v for k, v in headers.items() if k in KEPT_HEADERS}
            record.response_body = body
        else:
            session.delete(record)


def release(scope: str, key: str) -> None:
    with runtime.current().db.transaction() as session:
        repo.delete_idempotency(session, scope, key)
