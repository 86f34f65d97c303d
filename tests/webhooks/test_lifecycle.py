"""What happens to deliveries over time: claims by several workers at once keep the per-endpoint
cap, an endpoint re-enabled after its retry window gives up what is too old instead of flooding
its receiver, and finished deliveries leave the log after the retention period."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from charter.platform import clock as time_source
from charter.platform import outbound, runtime
from charter.webhooks import dispatch, fanout
from charter.worker import maintenance
from storage.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from storage.repositories import webhook_claims as claims
from storage.repositories import webhooks as repo
from tests.conftest import PG_URL
from tests.webhooks.conftest import auth, create_record, deliver, deliveries, register


def _fan_out() -> None:
    async def run() -> None:
        async with runtime.current().db.transaction() as session:
            await fanout.fan_out(session)

    asyncio.run(run())


def test_concurrent_claims_never_exceed_the_per_endpoint_cap(client, tenant, receiver):
    register(client, tenant, receiver.url)
    for _ in range(30):
        create_record(client, tenant)
    _fan_out()

    async def claim(session, owner: str) -> list[str]:
        now = time_source.utcnow()
        return await claims.claim(
            session,
            owner=owner,
            now=now,
            lease_until=now + timedelta(seconds=90),
            limit=10,
            per_endpoint=3,
        )

    async def overlapping() -> tuple[list[str], list[str]]:
        """The second claim starts while the first is still uncommitted."""
        db = runtime.current().db

        async def second() -> list[str]:
            async with db.transaction() as session:
                return await claim(session, "w2")

        async with db.transaction() as session:
            first = await claim(session, "w1")
            later = asyncio.create_task(second())
            await asyncio.sleep(0.3)
        return first, await later

    first, second = asyncio.run(overlapping())
    assert len(first) == 3
    assert second == []  # the endpoint's three slots are taken, by the other worker


def test_one_organizations_backlog_leaves_slots_to_the_others(
    client, tenant, make_tenant, receiver
):
    """A tenant with a big backlog on several endpoints holds at most its organization's share
    of the slots; another tenant's one delivery, due later, is claimed in the same round."""
    for _ in range(3):
        register(client, tenant, receiver.url)
    for _ in range(10):
        create_record(client, tenant)  # 30 deliveries, due first
    other = make_tenant(plan="enterprise", scopes=["admin"])
    theirs = register(client, other, receiver.url)
    create_record(client, other)
    _fan_out()
    db = runtime.current().db

    async def claim(owner: str) -> list[str]:
        now = time_source.utcnow()
        async with db.transaction() as session:
            return await claims.claim(
                session,
                owner=owner,
                now=now,
                lease_until=now + timedelta(seconds=90),
                limit=8,
                per_endpoint=4,
                per_organization=5,
            )

    first = asyncio.run(claim("w1"))
    second = asyncio.run(claim("w2"))  # another worker: the leases held count across workers
    with db.sync_transaction() as session:
        leased = session.scalars(select(WebhookDelivery).where(WebhookDelivery.id.in_(first)))
        by_endpoint = [d.endpoint_id for d in leased]
    assert len(first) == 6 and by_endpoint.count(theirs["id"]) == 1  # 5 of the big tenant's
    assert second == []  # its 5 slots are held, and the other tenant has nothing left


def test_re_enabling_gives_up_deliveries_older_than_the_retry_window(
    client, tenant, receiver, clock
):
    created = register(client, tenant, receiver.url)
    base = f"/v2/webhooks/{created['id']}"
    old = create_record(client, tenant)
    _fan_out()
    client.patch(base, json={"status": "disabled"}, headers=auth(tenant))
    window = sum(runtime.current().settings.webhook_retry_delays)
    clock.advance(window + 60)
    client.patch(base, json={"status": "enabled"}, headers=auth(tenant))
    recent = create_record(client, tenant)
    deliver()
    sent = [r.json["data"]["record_id"] for r in receiver.received]
    assert sent == [recent]
    [given_up] = deliveries(client, tenant, created["id"], status="failed")
    assert given_up["payload"]["data"]["record_id"] == old
    assert "retry window" in given_up["last_error"]
    redelivered = client.post(f"{base}/deliveries/{given_up['id']}/redeliver", headers=auth(tenant))
    assert redelivered.status_code == 202  # still sendable by hand
    deliver()
    assert [r.json["data"]["record_id"] for r in receiver.received] == [recent, old]


def test_finished_deliveries_leave_the_log_after_the_retention(client, tenant, receiver, clock):
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    days = runtime.current().settings.webhook_delivery_retention_days
    clock.advance(days * 86400 - 60)
    asyncio.run(maintenance.run_once())
    assert len(deliveries(client, tenant, created["id"])) == 1  # not yet
    create_record(client, tenant)
    receiver.reply(500)
    deliver()  # fails: pending with a retry, kept whatever its age
    clock.advance(120)
    counts = asyncio.run(maintenance.run_once())
    assert counts["webhook_deliveries_purged"] >= 1  # other tests' old deliveries go too
    [left] = deliveries(client, tenant, created["id"])
    assert left["status"] == "pending"
    with runtime.current().db.sync_transaction() as session:
        ids = session.scalars(select(WebhookDelivery.id)).all()
        orphans = session.scalars(
            select(WebhookAttempt.id).where(WebhookAttempt.delivery_id.not_in(ids))
        ).all()
    assert orphans == []


@pytest.mark.skipif(not PG_URL, reason="SQLite has one writer: transactions never interleave")
def test_deleting_an_endpoint_while_its_attempts_are_recorded_never_deadlocks(
    client, tenant, receiver
):
    """The worker locks the deliveries (in id order) and then the endpoint; deleting the
    endpoint takes them in the same order, so it waits for the recording to commit instead of
    deadlocking with it (the cascade from the endpoint row first answered a fuzzed DELETE 500)."""
    created = register(client, tenant, receiver.url)
    for _ in range(3):
        create_record(client, tenant)
    _fan_out()
    db = runtime.current().db

    async def scenario() -> None:
        now = time_source.utcnow()
        async with db.transaction() as session:
            ids = await claims.claim(
                session,
                owner="wkr_a",
                now=now,
                lease_until=now + timedelta(minutes=5),
                limit=10,
                per_endpoint=10,
            )
            claimed = await claims.claimed(session, ids)
        assert len(claimed) == 3
        failed = outbound.Answer(status=500, headers={}, excerpt=b"", seconds=0.01)
        outcomes = [dispatch.Outcome(d, e, now, failed, None, 0.01) for d, e in claimed]

        async def delete() -> None:
            async with db.transaction() as session:
                await repo.delete_endpoint(session, created["id"])

        async with db.transaction() as recording:
            await claims.hold(recording, "wkr_a", ids)  # the worker's first locks
            deleting = asyncio.create_task(delete())
            await asyncio.sleep(0.3)
            assert not deleting.done()  # waiting for the deliveries' locks
            # Then the endpoint's failure streak: with the delete holding the endpoint row
            # first, this waited on it while it waited on the deliveries (a deadlock).
            await dispatch.record(recording, outcomes, "wkr_a")
        await asyncio.wait_for(deleting, 10)

    asyncio.run(scenario())
    with db.sync_transaction() as session:
        assert session.get(WebhookEndpoint, created["id"]) is None
        left = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == created["id"])
        assert session.scalars(left).all() == []
