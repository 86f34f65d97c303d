"""Background maintenance: expired idempotency records, ended sessions, spent one-time codes and
audit retention (90 days, seed 002).

Runs as a thread inside `charter serve` on the embedded default, or as `charter worker`
processes when scaled out; every task is safe to run from several processes at once.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from charter import runtime
from charter.clock import utcnow
from storage import repositories as repo

log = logging.getLogger("charter.worker")
AUDIT_RETENTION = timedelta(days=90)


def run_once() -> dict[str, int]:
    now = utcnow()
    with runtime.current().db.transaction() as session:
        expired = repo.delete_expired_idempotency(session, now)
        purged = repo.delete_audit_before(session, now - AUDIT_RETENTION)
        # Kept a day after they end, so reuse of a late refresh token is still recognised.
        sessions = repo.delete_expired_sessions(session, now - timedelta(days=1))
        codes = repo.delete_spent_codes(session, now - timedelta(days=1))
    return {
        "idempotency_records_expired": expired,
        "audit_events_purged": purged,
        "sessions_removed": sessions,
        "one_time_codes_removed": codes,
    }


def loop(stop: threading.Event, interval: float = 60.0) -> None:
    while not stop.is_set():
        try:
            counts = run_once()
            if any(counts.values()):
                log.info("maintenance", extra={"fields": counts})
        except Exception:
            log.exception("maintenance failed")
        stop.wait(interval)


def start_thread(interval: float = 60.0) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=loop, args=(stop, interval), name="charter-worker", daemon=True).start()
    return stop
