"""Background maintenance: expired idempotency records, ended sessions (OAuth's too), spent
one-time codes, audit retention (90 days, seed 002) and orphaned file blobs
(charter.files.collector); beside them, webhook delivery (charter.webhooks.worker).

Runs as a thread inside `charter serve` on the embedded default, or as `charter worker`
processes when scaled out; every task is safe to run from several processes at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import timedelta

from charter.data import records
from charter.files import collector as file_collector
from charter.platform import runtime
from charter.platform.clock import utcnow
from charter.webhooks import deliveries as webhook_deliveries
from charter.webhooks import stream as event_stream
from charter.webhooks import worker as webhooks
from storage.repositories import events, idempotency, identity, lockout
from storage.repositories import oauth as oauth_repo

log = logging.getLogger("charter.worker")
AUDIT_RETENTION = timedelta(days=90)


async def run_once() -> dict[str, int]:
    """One pass of every task, in one transaction."""
    now = utcnow()
    async with runtime.current().db.transaction() as session:
        expired = await idempotency.delete_expired_idempotency(session, now)
        purged = await events.delete_audit_before(session, now - AUDIT_RETENTION)
        # Kept a day after they end, so reuse of a late refresh token is still recognised.
        sessions = await identity.delete_expired_sessions(session, now - timedelta(days=1))
        codes = await identity.delete_spent_codes(session, now - timedelta(days=1))
        # Counters of unknown usernames, once idle for a day and not locked.
        throttles = await lockout.delete_idle_throttles(session, now - timedelta(days=1))
        expired_records = await records.purge_expired(session, now)
        deliveries_purged = await webhook_deliveries.purge_finished(session, now)
        # Published events past CHARTER_EVENTS_RETENTION_DAYS: the event stream's resume window.
        outbox_purged = await event_stream.purge(session, now)
        # OAuth token issuances and codes, a day after they end (a late replay is still known).
        oauth_removed = await oauth_repo.delete_ended(session, now - timedelta(days=1))
    return {
        "oauth_grants_and_codes_removed": oauth_removed,
        "idempotency_records_expired": expired,
        "login_throttles_deleted": throttles,
        "expired_records_deleted": expired_records,
        "webhook_deliveries_purged": deliveries_purged,
        "outbox_events_purged": outbox_purged,
        "audit_events_purged": purged,
        "sessions_removed": sessions,
        "one_time_codes_removed": codes,
        # Outside the transaction: blob stores are not transactional (charter.files.collector).
        **await file_collector.collect(now),
    }


async def loop(stop: threading.Event, interval: float = 60.0) -> None:
    # Webhook delivery runs beside maintenance at its own pace (it polls every 0.1 s).
    delivery = asyncio.create_task(webhooks.loop(stop))
    while not stop.is_set():
        try:
            counts = await run_once()
            if any(counts.values()):
                log.info("maintenance", extra={"fields": counts})
        except Exception:
            log.exception("maintenance failed")
        await asyncio.get_running_loop().run_in_executor(None, stop.wait, interval)
    await delivery


def start_thread(interval: float = 60.0) -> threading.Event:
    """Run the loop on its own thread and event loop (the embedded default)."""
    stop = threading.Event()
    threading.Thread(
        target=lambda: asyncio.run(loop(stop, interval)), name="charter-worker", daemon=True
    ).start()
    return stop
