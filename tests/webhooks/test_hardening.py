"""Findings of the adversarial review of the first webhooks slice: a full endpoint never hides
the others' deliveries, an attempt that cannot be made or recorded still advances the schedule,
and hostile answers, URLs and payloads get a clear outcome instead of an endless resend."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from datetime import timedelta

from sqlalchemy import select

from charter.platform import clock as time_source
from charter.platform import runtime
from charter.webhooks import dispatch, fanout, signing
from storage.models import WebhookDelivery
from storage.repositories import webhook_claims as claims
from tests.webhooks.conftest import auth, create_record, deliver, register


def _deliveries(webhook_id: str) -> list[WebhookDelivery]:
    with runtime.current().db.sync_transaction() as session:
        query = select(WebhookDelivery).where(WebhookDelivery.endpoint_id == webhook_id)
        return list(session.scalars(query).all())


async def _fan_out_and_claim(owners: list[str], limit: int, per_endpoint: int) -> list[list[str]]:
    """Fan the outbox out, then one claim per owner in turn: the endpoint ids each one leased."""
    db = runtime.current().db
    async with db.transaction() as session:
        await fanout.fan_out(session)
    taken = []
    for owner in owners:
        now = time_source.utcnow()
        async with db.transaction() as session:
            ids = await claims.claim(
                session,
                owner=owner,
                now=now,
                lease_until=now + timedelta(seconds=90),
                limit=limit,
                per_endpoint=per_endpoint,
            )
            rows = await claims.claimed(session, ids)
        taken.append([endpoint.id for _, endpoint in rows])
    return taken


def test_a_full_endpoint_does_not_hide_the_others(client, tenant, receiver, second_receiver, clock):
    slow = register(client, tenant, receiver.url, collections=["slow"])
    fast = register(client, tenant, second_receiver.url, collections=["fast"])
    for _ in range(40):
        create_record(client, tenant, collection="slow")
    clock.advance(1)
    create_record(client, tenant, collection="fast")

    first, second = asyncio.run(_fan_out_and_claim(["w1", "w2"], limit=4, per_endpoint=2))
    assert first.count(slow["id"]) == 2  # the slow endpoint's slots are now full
    assert fast["id"] in first + second


def test_a_disabled_endpoints_backlog_does_not_hide_the_others(
    client, tenant, receiver, second_receiver, clock
):
    """Its due rows come first, and a window of one row would hold only them if they were left
    out after the window is cut rather than before."""
    paused = register(client, tenant, receiver.url, collections=["paused"])
    live = register(client, tenant, second_receiver.url, collections=["live"])
    for _ in range(5):
        create_record(client, tenant, collection="paused")
    clock.advance(1)
    create_record(client, tenant, collection="live")
    disabled = client.patch(
        f"/v2/webhooks/{paused['id']}", json={"status": "disabled"}, headers=auth(tenant)
    )
    assert disabled.status_code == 200

    assert asyncio.run(_fan_out_and_claim(["w1"], limit=1, per_endpoint=1)) == [[live["id"]]]


def test_a_retry_after_of_non_ascii_digits_is_ignored(app):
    now = time_source.utcnow()
    assert dispatch.retry_after("\u00b2", now) is None
    assert dispatch.retry_after("120", now) == timedelta(seconds=120)


def test_an_attempt_that_fails_before_sending_is_recorded_and_rescheduled(
    client, tenant, receiver, monkeypatch
):
    created = register(client, tenant, receiver.url)
    create_record(client, tenant)

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(signing, "sign", broken)
    deliver()
    (delivery,) = _deliveries(created["id"])
    assert delivery.attempts == 1 and delivery.status == "pending"
    assert delivery.last_error == "internal error: RuntimeError"
    assert delivery.lease_owner is None and receiver.received == []


def test_a_nul_in_an_answer_is_stored_as_a_replacement_character(client, tenant, receiver):
    created = register(client, tenant, receiver.url)
    receiver.reply(500, {}, b"ab\x00cd")
    create_record(client, tenant)
    deliver()
    (delivery,) = _deliveries(created["id"])
    assert delivery.attempts == 1 and delivery.status == "pending"
    attempts = client.get(
        f"/v2/webhooks/{delivery.endpoint_id}/deliveries", headers=auth(tenant)
    ).json()["data"][0]["attempts"]
    assert attempts[0]["response_excerpt"] == "ab\ufffdcd"


def test_urls_with_credentials_or_broken_hosts_are_refused(client, tenant, receiver):
    for url, reason in (
        (receiver.url.replace("http://", "http://user:pa55@"), "user name or password"),
        ("http://[::1", "not well formed"),
    ):
        body = {"url": url, "events": ["record.created"]}
        response = client.post("/v2/webhooks", json=body, headers=auth(tenant))
        assert response.status_code == 400, response.text
        assert response.json()["error"]["details"]["field"] == "body.url"
        assert reason in response.json()["error"]["message"]


def test_a_lone_surrogate_is_refused_at_the_door_and_signing_survives_one(client, tenant, receiver):
    # PostgreSQL cannot store one and UTF-8 cannot encode one: 400 on every surface...
    body = b'{"data": {"name": "\\ud800"}}'
    headers = {**auth(tenant), "Content-Type": "application/json"}
    response = client.post("/v2/data/products", content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert "lone surrogate" in response.json()["error"]["message"]
    # ...and a payload that still carries one (stored before this check) signs the bytes sent.
    sent, signed = signing.sign({"event": "x", "data": {"n": "\ud800"}}, ["whsec_c2VjcmV0"], "m", 1)
    assert b"\\ud800" in sent
    expected = hmac.new(b"whsec_c2VjcmV0", sent, hashlib.sha256).hexdigest()
    assert signed["X-Charter-Signature"] == f"sha256={expected}"
