"""One attempt of one delivery, and what its answer means.

- 2xx: delivered. 3xx and every other status, a timeout or a refused or failed connection:
  failed, tried again after the next delay of CHARTER_WEBHOOK_RETRY_SCHEDULE (jittered by up to
  10% either way) until the schedule is spent (about three days by default), then given up.
- 429 and 503 with `Retry-After` (seconds or an HTTP date): tried again then (at most a day).
- 410: the endpoint is gone: it is disabled at once and the delivery given up.
- An endpoint whose failures have gone on for CHARTER_WEBHOOK_DISABLE_AFTER_DAYS without a
  success is disabled, announced by a `webhook.disabled` event.

Every attempt is logged (time, status, duration, error, the first KiB of the answer); the
outcome is written only while this worker still holds the delivery's lease. Secrets and
payloads never reach a log line.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import SYSTEM
from charter.platform import outbound, runtime
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Invalid, Unavailable
from charter.webhooks import fanout, signing
from charter.webhooks.endpoints import live_secrets
from storage.models import WebhookDelivery, WebhookEndpoint
from storage.repositories import webhook_claims as claims
from storage.repositories import webhooks as repo

log = logging.getLogger("charter.webhooks")
EXCERPT_BYTES = 1024
ERROR_CHARS = 300  # the error columns of deliveries and attempts
MAX_RETRY_AFTER = timedelta(days=1)
JITTER = 0.1


def schedule() -> list[int]:
    return runtime.current().settings.webhook_retry_delays


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """A `Retry-After` header's wait (RFC 9110 10.2.3), bounded; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        wait = timedelta(seconds=int(value[:9]))
    else:
        try:
            wait = parsedate_to_datetime(value) - now
        except (TypeError, ValueError):
            return None
    return min(max(wait, timedelta(0)), MAX_RETRY_AFTER)


def next_delay(attempts: int, answer: outbound.Answer | None, now: datetime) -> timedelta | None:
    """How long to wait after the `attempts`-th failed attempt; None once the schedule is spent."""
    delays = schedule()
    if attempts > len(delays):
        return None
    if answer is not None and answer.status in (429, 503):
        wait = retry_after(answer.headers.get("retry-after"), now)
        if wait is not None:
            return wait
    base = delays[attempts - 1]
    return timedelta(seconds=base * random.uniform(1 - JITTER, 1 + JITTER))  # noqa: S311


@dataclass
class Outcome:
    """One attempt made, waiting to be written."""

    delivery: WebhookDelivery
    endpoint: WebhookEndpoint
    attempted_at: datetime
    answer: outbound.Answer | None
    error: str | None
    elapsed: float


async def attempt(
    delivery: WebhookDelivery, endpoint: WebhookEndpoint, http: outbound.Session
) -> Outcome:
    """Send one leased delivery; what happened (written by `record`)."""
    now = utcnow()
    started = time.monotonic()
    answer: outbound.Answer | None = None
    error: str | None = None
    try:
        payload = fanout.decrypt_payload(delivery.payload_enc)
        body, headers = signing.sign(
            payload, live_secrets(endpoint, now), delivery.event_id, int(now.timestamp())
        )
        answer = await http.send(
            endpoint.url,
            body,
            headers,
            timeout=runtime.current().settings.webhook_timeout_seconds,
            excerpt_bytes=EXCERPT_BYTES,
        )
    except Invalid as exc:
        error = f"Refused by the outbound guard: {exc.message}"
    except Unavailable as exc:
        error = exc.message
    except Exception as exc:  # noqa: BLE001 - an attempt that cannot be made still counts
        log.exception("webhook attempt failed before an answer")
        error = f"internal error: {type(exc).__name__}"
    return Outcome(delivery, endpoint, now, answer, error, time.monotonic() - started)


async def record_all(
    outcomes: list[Outcome],
    owner: str,
    then: Callable[[AsyncSession], Awaitable[None]] | None = None,
) -> None:
    """Write attempts' outcomes in one transaction (a worker's group commit), running `then`
    in it too (the worker's next leases). If that fails, each outcome on its own, and one that
    still cannot be written as a failed attempt, so that a lease never resends a delivery
    forever."""
    db = runtime.current().db
    try:
        async with db.transaction() as session:
            await record(session, outcomes, owner)
            if then is not None:
                await then(session)
        return
    except Exception:  # noqa: BLE001 - written one by one below
        if len(outcomes) > 1:
            log.exception("webhook attempts could not be recorded together")
            singles = outcomes
        else:
            log.exception("webhook attempt could not be recorded")
            singles = []
    failed = [] if singles else outcomes
    for outcome in singles:
        try:
            async with db.transaction() as session:
                await record(session, [outcome], owner)
        except Exception:  # noqa: BLE001
            log.exception("webhook attempt could not be recorded")
            failed.append(outcome)
    for outcome in failed:
        error = "internal error recording the attempt"
        async with db.transaction() as session:
            await record(session, [replace(outcome, answer=None, error=error)], owner)


async def record(session: AsyncSession, outcomes: list[Outcome], owner: str) -> None:
    """Write each attempt to the log and its outcome to its delivery, while `owner` still holds
    the lease (otherwise another worker took the delivery and decides). Locks are taken in one
    order, deliveries by id then endpoints by id, as deleting an endpoint takes them."""
    settled = [(outcome, *_settlement(outcome)) for outcome in outcomes]
    held = await claims.record(
        session,
        owner,
        [_attempt_row(outcome) for outcome in outcomes],
        [(outcome.delivery.id, values) for outcome, _, _, values in settled],
    )
    mine = [item for item in settled if item[0].delivery.id in held]
    # Endpoints in id order (a stable sort keeps each one's outcomes in order).
    for outcome, error, status, _ in sorted(mine, key=lambda item: item[0].endpoint.id):
        delivery, now = outcome.delivery, outcome.attempted_at
        if error is None:
            if outcome.endpoint.failing_since is not None:
                await repo.note_success(session, delivery.endpoint_id)
            continue
        log.info(
            "webhook attempt failed",
            extra={"fields": {"delivery_id": delivery.id, "status": status}},
        )
        since = await repo.note_failure(session, delivery.endpoint_id, now)
        limit = timedelta(days=runtime.current().settings.webhook_disable_after_days)
        if status == 410:
            await disable(session, delivery.endpoint_id, "gone", now)
        elif since is not None and now - since >= limit:
            await disable(session, delivery.endpoint_id, "failing", now)


def _error(outcome: Outcome) -> str | None:
    answer = outcome.answer
    if answer is not None and not 200 <= answer.status < 300:
        return f"The endpoint answered {answer.status}"
    return outcome.error[:ERROR_CHARS] if outcome.error is not None else None


def _attempt_row(outcome: Outcome) -> dict[str, object]:
    return {
        "id": new_id("wha"),
        "delivery_id": outcome.delivery.id,
        "attempted_at": outcome.attempted_at,
        "status_code": outcome.answer.status if outcome.answer is not None else None,
        "duration_ms": int(outcome.elapsed * 1000),
        "error": _error(outcome),
        "response_excerpt": _excerpt(outcome.answer),
    }


def _settlement(outcome: Outcome) -> tuple[str | None, int | None, dict[str, object]]:
    """(error, status, the delivery's new values) of an attempt."""
    now, answer = outcome.attempted_at, outcome.answer
    attempts = outcome.delivery.attempts + 1
    error = _error(outcome)
    status = answer.status if answer is not None else None
    values: dict[str, object] = {
        "attempts": attempts,
        "last_status_code": status,
        "last_error": error,
        "updated_at": now,
    }
    if error is None:
        values.update(status="succeeded", delivered_at=now, next_attempt_at=None)
    else:
        delay = None if status == 410 else next_delay(attempts, answer, now)
        values.update(
            status="pending" if delay is not None else "failed",
            next_attempt_at=now + delay if delay is not None else None,
            delivered_at=None,  # unchanged: a redelivered success keeps its first time
        )
    return error, status, values


def _excerpt(answer: outbound.Answer | None) -> str | None:
    if answer is None:
        return None
    # PostgreSQL text holds no NUL character.
    text = answer.excerpt[:EXCERPT_BYTES].decode("utf-8", errors="replace")
    return text.replace("\x00", "\ufffd")


async def disable(session: AsyncSession, endpoint_id: str, reason: str, now: datetime) -> None:
    """Disable an endpoint for its failures and announce it (`webhook.disabled`), once: the
    change is one conditional UPDATE, so concurrent failing deliveries announce it only once."""
    endpoint = await repo.disable_endpoint(session, endpoint_id, reason, now)
    if endpoint is None:
        return
    failing_since = endpoint.failing_since
    log.warning("webhook disabled", extra={"fields": {"webhook_id": endpoint.id, "reason": reason}})
    await audit.announce(
        session,
        SYSTEM,
        event="webhook.disabled",
        resource_type="webhook",
        resource_id=endpoint.id,
        organization_id=endpoint.organization_id,
        livemode=endpoint.livemode,
        details={"reason": reason},
        payload={
            "webhook_id": endpoint.id,
            "url": endpoint.url,
            "reason": reason,
            "failing_since": isoformat(failing_since),
        },
    )
