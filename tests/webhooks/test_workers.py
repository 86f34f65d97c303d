"""At least once, never twice at a time: a worker that dies holding leases loses nothing (its
deliveries go out after the lease, with the same webhook-id), and two workers running at once
(on PostgreSQL with FOR UPDATE SKIP LOCKED) never send the same attempt twice."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from datetime import timedelta

from charter.platform import clock as time_source
from charter.platform import runtime
from charter.webhooks import fanout
from charter.webhooks.worker import DeliveryWorker
from storage.repositories import webhook_claims as claims
from tests.webhooks.conftest import create_record, deliver, register


def test_a_killed_workers_claims_are_delivered_after_the_lease(client, tenant, receiver, clock):
    register(client, tenant, receiver.url)
    for _ in range(5):
        create_record(client, tenant)

    async def die_mid_batch():
        """Fan out and lease like a worker, then vanish before sending anything."""
        db = runtime.current().db
        async with db.transaction() as session:
            await fanout.fan_out(session)
        now = time_source.utcnow()
        async with db.transaction() as session:
            return await claims.claim(
                session,
                owner="wkr_dead",
                now=now,
                lease_until=now + timedelta(seconds=90),
                limit=3,
                per_endpoint=4,
            )

    leased = asyncio.run(die_mid_batch())
    assert len(leased) == 3
    deliver()  # a live worker sends what is not leased, and leaves the dead one's claims
    assert len(receiver.received) == 2
    clock.advance(91)
    deliver()
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(ids) == 5 and len(set(ids)) == 5  # every event, once


def test_two_workers_never_send_the_same_attempt(client, tenant, receiver, second_receiver):
    register(client, tenant, receiver.url, ["record.created"])
    register(client, tenant, second_receiver.url, ["record.created"])
    for _ in range(40):
        create_record(client, tenant)
    errors: list[BaseException] = []

    def work():
        try:
            deliver(DeliveryWorker())
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    for got in (receiver, second_receiver):
        counts = Counter(r.headers["webhook-id"] for r in got.received)
        assert len(counts) == 40 and set(counts.values()) == {1}


def test_the_lease_outlives_the_attempt_timeout(app):
    assert runtime.current().settings.webhook_lease_margin_seconds > 0
    assert runtime.current().settings.webhook_timeout_seconds == 30


def test_the_maintenance_worker_delivers(client, tenant, receiver):
    """`charter worker` and the embedded worker thread of `charter serve` run the same loop."""
    import time

    from charter.worker import maintenance

    register(client, tenant, receiver.url)
    create_record(client, tenant)
    stop = maintenance.start_thread()
    try:
        deadline = time.monotonic() + 10
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
    assert len(receiver.received) == 1
