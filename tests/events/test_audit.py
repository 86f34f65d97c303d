"""/v1/audit (seed 002): what is recorded, filters, read only, retention."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from charter.platform import runtime
from charter.platform.clock import utcnow
from charter.worker import maintenance as worker
from storage.models import AuditEvent, LoginSession
from tests import db as testdb
from tests.factories import create_user, record_event


def test_changes_are_recorded_with_actor_ip_and_request_id(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": tenant.key, "X-Request-Id": "audit-trace-1"}
    response = client.post(
        "/v1/users",
        headers=headers,
        json={
            "username": "audited.one",
            "email": "a1@example.com",
            "password": "SecurePassword123!",
        },
    )
    assert response.status_code == 201
    created = response.json()["data"]
    events = client.get(
        f"/v1/audit?resource_id={created['id']}", headers={"X-API-Key": tenant.key}
    ).json()
    assert events["total"] == 1
    event = events["data"][0]
    assert event["action"] == "user.created"
    assert event["actor"] == {"type": "api_key", "id": tenant.key_id}
    assert event["resource"] == {"type": "user", "id": created["id"]}
    assert event["ip"] == "127.0.0.1" and event["request_id"] == "audit-trace-1"
    single = client.get(f"/v1/audit/{event['id']}", headers={"X-API-Key": tenant.key}).json()[
        "data"
    ]
    assert single == event


def test_filters_by_action_actor_and_time(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    user = create_user(tenant.organization_id, username="audited.login")
    failure = client.post(
        "/v2/auth/login", json={"username": "audited.login", "password": "wrong password!!"}
    )
    assert failure.status_code == 401
    headers = {"X-API-Key": tenant.key}
    unlocked = client.post(f"/v1/users/{user.id}/unlock", headers=headers)
    assert unlocked.status_code == 200
    # This organization's whole trail: the failed login, the key's first use from an address,
    # and the unlock.
    everything = client.get("/v1/audit?limit=100", headers=headers).json()
    assert sorted(e["action"] for e in everything["data"]) == [
        "api_key.used_from_new_ip",
        "login.failed",
        "user.unlocked",
    ]
    failed = client.get("/v1/audit?action=login.failed", headers=headers).json()
    assert failed["total"] == 1 and failed["data"][0]["resource"]["id"] == user.id
    mine = client.get(f"/v1/audit?actor_id={tenant.key_id}", headers=headers).json()
    assert mine["total"] == 1 and mine["data"][0]["action"] == "user.unlocked"
    assert mine["data"][0]["actor"] == {"type": "api_key", "id": tenant.key_id}
    future = (utcnow() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert client.get(f"/v1/audit?since={future}", headers=headers).json()["total"] == 0
    assert client.get(f"/v1/audit?until={future}", headers=headers).json()["total"] == 3


def test_audit_is_read_only(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert client.request(method, "/v1/audit", headers=headers).status_code == 405
        assert client.request(method, "/v1/audit/aud_x", headers=headers).status_code == 405


def _own_events(organization_id):
    with runtime.current().db.sync_transaction() as session:
        return sorted(
            e.id for e in testdb.list_audit_events(session, organization_id=organization_id)
        )


def test_retention_purges_events_older_than_90_days(make_tenant):
    # The worker purges the whole database: a first pass clears what other tests left, so the
    # second one's count is exactly this test's rows.
    asyncio.run(worker.run_once())
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    old_ids = [record_event(tenant.organization_id) for _ in range(3)]
    kept_ids = [record_event(tenant.organization_id) for _ in range(2)]
    with runtime.current().db.sync_transaction() as session:
        for event_id, age in zip(old_ids, (91, 200, 3650), strict=True):
            session.get(AuditEvent, event_id).created_at = utcnow() - timedelta(days=age)
        # Just inside the 90 days: kept.
        session.get(AuditEvent, kept_ids[0]).created_at = utcnow() - timedelta(days=89)
    assert _own_events(tenant.organization_id) == sorted(old_ids + kept_ids)
    counts = asyncio.run(worker.run_once())
    assert counts["audit_events_purged"] == 3
    assert _own_events(tenant.organization_id) == sorted(kept_ids)
    assert asyncio.run(worker.run_once())["audit_events_purged"] == 0


def test_worker_removes_ended_sessions(client, make_tenant):
    from datetime import timedelta

    import jwt

    asyncio.run(worker.run_once())  # clears what other tests left (the database is shared)
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    user = create_user(tenant.organization_id)
    tokens = []
    for _ in range(3):
        login = client.post(
            "/v2/auth/login",
            json={"username": user.username, "password": "correct horse battery staple"},
        )
        assert login.status_code == 200
        tokens.append(login.json())
    sids = [
        jwt.decode(t["access_token"], options={"verify_signature": False})["sid"] for t in tokens
    ]
    with runtime.current().db.sync_transaction() as session:
        session.get(LoginSession, sids[0]).expires_at = utcnow() - timedelta(days=2)
        session.get(LoginSession, sids[1]).expires_at = utcnow() - timedelta(days=30)
        # Ended, but less than a day ago: kept, so a late refresh is still recognised.
        session.get(LoginSession, sids[2]).expires_at = utcnow() - timedelta(hours=1)
    assert asyncio.run(worker.run_once())["sessions_removed"] == 2
    with runtime.current().db.sync_transaction() as session:
        assert session.get(LoginSession, sids[0]) is None
        assert session.get(LoginSession, sids[1]) is None
        assert session.get(LoginSession, sids[2]) is not None
    token = tokens[0]
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": token["refresh_token"]}).status_code
        == 401
    )
