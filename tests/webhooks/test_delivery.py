"""Delivery: the retry schedule with jitter, Retry-After, 3xx as failure, 410 and 5 days of
failure disabling the endpoint, redelivery and ping with a stable webhook-id, re-enabling,
secret rotation, the guard at delivery, bounded excerpts and secret-free logs. Time moves with
the `clock` fixture, never by sleeping."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from datetime import timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from charter.platform import clock as time_source
from charter.platform import runtime
from charter.webhooks import dispatch
from storage.models import OutboxEvent, WebhookDelivery
from tests.webhooks.conftest import Resolver, auth, create_record, deliver, deliveries, register


def _delivery(webhook_id: str) -> WebhookDelivery:
    with runtime.current().db.sync_transaction() as session:
        return session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.endpoint_id == webhook_id)
        ).one()


def _due_in(webhook_id: str) -> float:
    """Seconds from the last attempt's recording to the next attempt (not from now: a loaded
    machine took over a second between the two once)."""
    delivery = _delivery(webhook_id)
    return (delivery.next_attempt_at - delivery.updated_at).total_seconds()


def test_the_default_schedule_spans_about_three_days(app):
    total = sum(dispatch.schedule())
    assert timedelta(days=2.5) < timedelta(seconds=total) < timedelta(days=3.5)
    assert dispatch.schedule() == sorted(dispatch.schedule())


def test_failures_are_retried_on_the_schedule_with_jitter_then_given_up(
    client, tenant, receiver, clock, monkeypatch
):
    monkeypatch.setattr(runtime.current().settings, "webhook_retry_schedule", "60,600,3600")
    receiver.reply(500, body=b"boom")
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    for attempt, delay in enumerate([60, 600, 3600], start=1):
        row = _delivery(created["id"])
        assert (row.status, row.attempts, row.last_status_code) == ("pending", attempt, 500)
        assert delay * 0.9 - 1 <= _due_in(created["id"]) <= delay * 1.1 + 1
        clock.advance(delay * 0.85)
        deliver()
        assert _delivery(created["id"]).attempts == attempt  # not due yet
        clock.advance(delay * 0.3)
        deliver()
    row = _delivery(created["id"])
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 4, None)
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    assert len(receiver.received) == 4
    [logged] = deliveries(client, tenant, created["id"])
    assert logged["status"] == "failed" and logged["attempt_count"] == 4
    assert [a["status_code"] for a in logged["attempts"]] == [500] * 4
    assert all(
        a["response_excerpt"] == "boom" and a["duration_ms"] >= 0 for a in logged["attempts"]
    )
    assert logged["attempts"][0]["error"] == "The endpoint answered 500"


def test_a_redirect_is_a_failure(client, tenant, receiver):
    receiver.reply(302, {"Location": "http://169.254.169.254/"})
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    row = _delivery(created["id"])
    assert (row.status, row.last_status_code, len(receiver.received)) == ("pending", 302, 1)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(client, tenant, receiver, clock, status):
    receiver.reply(status, {"Retry-After": "120"})
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    assert 119 <= _due_in(created["id"]) <= 121
    clock.advance(121)
    later = time_source.utcnow() + timedelta(seconds=900)
    receiver.reply(status, {"Retry-After": format_datetime(later, usegmt=True)})
    deliver()
    assert 898 <= _due_in(created["id"]) <= 901
    receiver.reply(200)
    clock.advance(901)
    deliver()
    assert _delivery(created["id"]).status == "succeeded"
    assert len(receiver.received) == 3


def test_410_disables_the_endpoint_and_says_so(client, tenant, receiver, second_receiver):
    watcher = register(client, tenant, second_receiver.url, ["webhook.disabled"])
    receiver.reply(410)
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    endpoint = client.get(f"/v2/webhooks/{created['id']}", headers=auth(tenant)).json()
    assert endpoint["status"] == "disabled" and endpoint["disabled_reason"] == "gone"
    assert _delivery(created["id"]).status == "failed"
    [event] = second_receiver.of("webhook.disabled")
    assert event.json["data"]["webhook_id"] == created["id"]
    assert event.json["data"]["reason"] == "gone"
    create_record(client, tenant)
    deliver()
    assert len(receiver.received) == 1  # nothing more goes to a disabled endpoint
    assert client.get(f"/v2/webhooks/{watcher['id']}", headers=auth(tenant)).json()["status"] == (
        "enabled"
    )


def test_five_days_of_failure_disable_the_endpoint(client, tenant, receiver, clock):
    receiver.reply(500)
    created = register(client, tenant, receiver.url)
    for _ in range(4):  # a new event a day, each failing
        create_record(client, tenant)
        deliver()
        clock.advance(86400 * 1.4)
        deliver()
    assert (
        client.get(f"/v2/webhooks/{created['id']}", headers=auth(tenant)).json()["status"]
        == "disabled"
    )
    with runtime.current().db.sync_transaction() as session:
        events = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_type == "webhook.disabled")
        ).all()
    assert [e.payload["reason"] for e in events if e.payload["webhook_id"] == created["id"]] == [
        "failing"
    ]


def test_a_success_ends_the_failure_streak(client, tenant, receiver, clock):
    receiver.reply(500)
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    clock.advance(86400 * 4)
    receiver.reply(200)
    create_record(client, tenant)
    deliver()
    receiver.reply(500)
    clock.advance(86400 * 2)
    create_record(client, tenant)
    deliver()
    endpoint = client.get(f"/v2/webhooks/{created['id']}", headers=auth(tenant)).json()
    assert endpoint["status"] == "enabled"


def test_redelivery_and_ping_keep_their_webhook_id(client, tenant, receiver):
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)
    deliver()
    [first] = deliveries(client, tenant, created["id"])
    assert first["status"] == "succeeded" and first["delivered_at"]
    url = f"/v2/webhooks/{created['id']}/deliveries/{first['id']}/redeliver"
    response = client.post(url, headers=auth(tenant))
    assert response.status_code == 202 and response.json()["status"] == "pending"
    deliver()
    assert [r.headers["webhook-id"] for r in receiver.received] == [first["event_id"]] * 2
    [again] = deliveries(client, tenant, created["id"])
    assert again["attempt_count"] == 2 and again["status"] == "succeeded"
    ping = client.post(f"/v2/webhooks/{created['id']}/ping", headers=auth(tenant))
    assert ping.status_code == 202, ping.text
    deliver()
    [pinged] = receiver.of("webhook.ping")
    assert pinged.json["data"] == {"webhook_id": created["id"]}
    assert pinged.headers["webhook-id"] == ping.json()["event_id"]
    missing = f"/v2/webhooks/{created['id']}/deliveries/whd_missing/redeliver"
    assert client.post(missing, headers=auth(tenant)).status_code == 404


def test_disabled_endpoints_wait_and_resume_when_enabled(client, tenant, receiver):
    created = register(client, tenant, receiver.url)
    base = f"/v2/webhooks/{created['id']}"
    client.patch(base, json={"status": "disabled"}, headers=auth(tenant))
    assert client.post(f"{base}/ping", headers=auth(tenant)).status_code == 409
    create_record(client, tenant)
    deliver()  # fanned out while the endpoint is disabled: not for it
    assert receiver.received == []
    client.post(f"{base}/enable", headers=auth(tenant))
    create_record(client, tenant)
    deliver()
    assert len(receiver.received) == 1


def test_secret_rotation_signs_with_both_during_the_overlap(client, tenant, receiver, clock):
    created = register(client, tenant, receiver.url)
    old = created["secret"]
    url = f"/v2/webhooks/{created['id']}/rotate-secret"
    response = client.post(url, json={"overlap_seconds": 3600}, headers=auth(tenant))
    assert response.status_code == 200, response.text
    new = response.json()["secret"]
    assert new != old and new.startswith("whsec_")
    assert response.json()["previous_secret_expires_at"]
    create_record(client, tenant)
    deliver()
    got = receiver.received[-1]
    signatures = got.headers["webhook-signature"].split(" ")
    assert signatures == [_v1(new, got), _v1(old, got)]
    assert got.headers["x-charter-signature"] == _hex(new, got.body)
    clock.advance(3601)
    create_record(client, tenant)
    deliver()
    got = receiver.received[-1]
    assert got.headers["webhook-signature"].split(" ") == [_v1(new, got)]
    same = client.post(url, json={"secret": new}, headers=auth(tenant))
    assert same.status_code == 409
    now = client.post(
        url, json={"secret": "a-brand-new-secret-1234", "overlap_seconds": 0}, headers=auth(tenant)
    )
    assert now.json()["previous_secret_expires_at"] is None


def _v1(secret: str, got) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{got.headers['webhook-id']}.{got.headers['webhook-timestamp']}.".encode() + got.body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def _hex(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_the_guard_runs_at_every_delivery(client, tenant, receiver, monkeypatch):
    port = receiver.url.split(":")[2].split("/")[0]
    resolver = Resolver(monkeypatch, {"later.example": []})
    created = register(client, tenant, f"http://later.example:{port}/hook")
    create_record(client, tenant)
    deliver()
    assert "Cannot resolve" in _delivery(created["id"]).last_error
    resolver.answers["later.example"] = ["127.0.0.1"]  # now resolves to loopback, guard on
    monkeypatch.setattr(runtime.current().settings, "allow_private_outbound", False)
    client.post(
        f"/v2/webhooks/{created['id']}/deliveries/{_delivery(created['id']).id}/redeliver",
        headers=auth(tenant),
    )
    deliver()
    row = _delivery(created["id"])
    assert row.attempts == 2 and "private or internal" in row.last_error
    assert receiver.received == []


def test_excerpts_are_bounded_and_secrets_never_logged(client, tenant, receiver, caplog):
    receiver.reply(500, body=b"x" * 50_000)
    created = register(client, tenant, receiver.url, secret="a-secret-never-logged")
    create_record(client, tenant)
    with caplog.at_level(logging.DEBUG):
        deliver()
    [logged] = deliveries(client, tenant, created["id"])
    assert len(logged["attempts"][0]["response_excerpt"]) == 1024
    assert "a-secret-never-logged" not in caplog.text
    assert "a-secret-never-logged" not in str(logged)


def test_a_slow_receiver_holds_only_its_own_slots(
    client, tenant, receiver, second_receiver, monkeypatch
):
    from charter.webhooks.worker import DeliveryWorker

    monkeypatch.setattr(runtime.current().settings, "webhook_endpoint_concurrency", 2)
    receiver.delay = 2.0
    slow = register(client, tenant, receiver.url)
    fast = register(client, tenant, second_receiver.url)
    for _ in range(6):
        create_record(client, tenant)

    async def run():
        worker = DeliveryWorker()
        # Until the fast endpoint has all six, well before the slow one answers its first two.
        deadline = asyncio.get_running_loop().time() + 1.7
        while asyncio.get_running_loop().time() < deadline and len(second_receiver.received) < 6:
            await worker.step()
            await asyncio.sleep(0.02)
        seen = len(second_receiver.received), len(receiver.received)
        await worker.run_until_idle()
        return seen

    fast_seen, slow_seen = asyncio.run(run())
    assert (fast_seen, slow_seen) == (6, 2)  # the slow one held two slots, never the fast one's
    assert len(receiver.received) == 6 and len(second_receiver.received) == 6
    assert slow["id"] != fast["id"]
