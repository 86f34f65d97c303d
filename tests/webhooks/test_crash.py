"""No loss when a worker is killed mid-batch (issue 9, acceptance): a real `charter worker`
process is sent SIGKILL while deliveries are in flight, a new one is started, and every event
still reaches every endpoint. Only the deliveries the dead worker held a lease on may arrive
twice (with the same `webhook-id`), and only once that lease has run out."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sqlalchemy import select, update

from charter.platform import runtime
from storage.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from tests.conftest import ROOT, server_env
from tests.webhooks.conftest import create_record, register

RECORDS = 200
ENDPOINTS = ("/a", "/b")
ENDPOINT_CONCURRENCY = 4
TIMEOUT_SECONDS = 2.0
LEASE_MARGIN_SECONDS = 1.0
ANSWER_SECONDS = 0.01  # each answer takes this long, so deliveries overlap


@dataclass
class Arrival:
    path: str
    webhook_id: str
    record_id: str
    at: datetime


@dataclass
class CrashReceiver:
    """Records every delivery; once `hold_after` have arrived, holds each new request
    unanswered until `release` is set, so the worker is killed with those in flight."""

    hold_after: int
    arrivals: list[Arrival] = field(default_factory=list)
    held: list[Arrival] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def arrive(self, arrival: Arrival) -> bool:
        """Record an arrival; whether to hold it."""
        with self.lock:
            self.arrivals.append(arrival)
            hold = len(self.arrivals) > self.hold_after and not self.release.is_set()
            if hold:
                self.held.append(arrival)
            return hold

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)


def serve(receiver: CrashReceiver) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            arrival = Arrival(
                self.path,
                self.headers["webhook-id"],
                json.loads(body)["data"]["record_id"],
                datetime.now(UTC),
            )
            if receiver.arrive(arrival):
                receiver.release.wait(30)
            else:
                time.sleep(ANSWER_SECONDS)
            # The worker that sent a held request is dead by now.
            with contextlib.suppress(OSError):
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_worker(settings, log) -> subprocess.Popen:
    """`charter worker` against this run's database, with a short lease."""
    env = server_env(
        settings,
        CHARTER_ALLOW_PRIVATE_OUTBOUND="true",
        CHARTER_WEBHOOK_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS),
        CHARTER_WEBHOOK_LEASE_MARGIN_SECONDS=str(LEASE_MARGIN_SECONDS),
        CHARTER_WEBHOOK_ENDPOINT_CONCURRENCY=str(ENDPOINT_CONCURRENCY),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "charter.cli", "worker"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def rows(endpoint_ids: list[str]) -> list[WebhookDelivery]:
    with runtime.current().db.sync_transaction() as session:
        query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id.in_(endpoint_ids))
        return list(session.scalars(query).all())


def wait_for(condition, seconds: float, what: str, workers=()) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        for worker in workers:
            assert worker.poll() is None, f"charter worker exited ({worker.returncode})"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_sigkill_mid_batch_loses_no_event(client, tenant, settings, allow_private, tmp_path):
    total = RECORDS * len(ENDPOINTS)
    # Outbox events earlier tests left unpublished in the shared database are not this test's:
    # the worker would fan them all out first (tens of thousands after the data tests), and the
    # waits below would time the backlog instead of the crash.
    # Endpoints they left enabled (the header walk's, at names that do not resolve here) are
    # not either: their attempts would share the worker with this test's.
    with runtime.current().db.sync_transaction() as session:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.published_at.is_(None))
            .values(published_at=datetime.now(UTC))
        )
        session.execute(update(WebhookEndpoint).values(status="disabled"))
    receiver = CrashReceiver(hold_after=total // 2)
    server = serve(receiver)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    hooks = {register(client, tenant, base + path)["id"]: path for path in ENDPOINTS}
    record_ids = {create_record(client, tenant) for _ in range(RECORDS)}
    endpoint_ids = list(hooks)
    in_flight = ENDPOINT_CONCURRENCY * len(ENDPOINTS)
    workers: list[subprocess.Popen] = []
    log = open(tmp_path / "workers.log", "wb")  # noqa: SIM115 - closed in finally
    try:
        first = start_worker(settings, log)
        workers.append(first)
        # Half delivered, then every slot of the worker holds a request the receiver keeps.
        wait_for(lambda: receiver.count() >= total // 2, 60, "half the deliveries", workers)
        wait_for(lambda: len(receiver.held) >= in_flight, 5, "every slot in flight", workers)
        first.send_signal(signal.SIGKILL)
        first.wait(5)
        killed_at = rows(endpoint_ids)
        receiver.release.set()

        leased = {(d.endpoint_id, d.event_id): d for d in killed_at if d.lease_owner}
        done_before = {(d.endpoint_id, d.event_id) for d in killed_at if d.status == "succeeded"}
        assert len(done_before) >= total // 2 - in_flight
        assert 0 < len(leased) <= in_flight
        assert all(d.status == "pending" for d in leased.values())

        workers.append(start_worker(settings, log))
        wait_for(
            lambda: sum(d.status == "succeeded" for d in rows(endpoint_ids)) == total,
            60,
            "every delivery to succeed",
            workers[1:],
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait(5)
        log.close()
        receiver.release.set()
        server.shutdown()
        server.server_close()

    by_path = {path: endpoint_id for endpoint_id, path in hooks.items()}
    seen = Counter((by_path[a.path], a.webhook_id) for a in receiver.arrivals)
    final = rows(endpoint_ids)
    assert len(final) == total and {d.status for d in final} == {"succeeded"}
    # Every event reached every endpoint, and it is the record created.
    assert set(seen) == {(d.endpoint_id, d.event_id) for d in final}
    for path in ENDPOINTS:
        assert {a.record_id for a in receiver.arrivals if a.path == path} == record_ids
    # Twice only for what the dead worker held, at least everything it never answered, and
    # never before its lease ran out.
    twice = {key for key, times in seen.items() if times > 1}
    assert set(seen.values()) <= {1, 2}
    held = {(by_path[a.path], a.webhook_id) for a in receiver.held}
    assert held <= twice <= set(leased)
    assert not twice & done_before
    for key in twice:
        endpoint_id, webhook_id = key
        last = max(
            a.at
            for a in receiver.arrivals
            if by_path[a.path] == endpoint_id and a.webhook_id == webhook_id
        )
        assert last >= aware(leased[key].lease_until)
