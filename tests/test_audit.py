"""/v1/audit (seed 002): what is recorded, filters, read only, retention."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from charter.platform import runtime
from charter.platform.clock import utcnow
from charter.worker import maintenance as worker
from storage.models import AuditEvent, LoginSession
from tests.factories import create_user, record_event


def test_changes_are_recorded_with_actor_ip_and_request_id(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": tenant.key, "X-Request-Id": "audit-trace-1"}
    created = client.post(
        "/v1/users",
        headers=headers,
        json={
            "username": "audited.one",
            "email": "a1@example.com",
            "password": "SecurePassword123!",
        },
    ).json()["data"]
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
    client.post(
        "/v2/auth/login", json={"username": "audited.login", "password": "wrong password!!"}
    )
    headers = {"X-API-Key": tenant.key}
    failed = client.get("/v1/audit?action=login.failed", headers=headers).json()
    assert failed["total"] == 1 and failed["data"][0]["resource"]["id"] == user.id
    mine = client.get(f"/v1/audit?actor_id={tenant.key_id}", headers=headers).json()
    assert all(e["actor"]["id"] == tenant.key_id for e in mine["data"])
    future = (utcnow() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert client.get(f"/v1/audit?since={future}", headers=headers).json()["total"] == 0
    assert client.get(f"/v1/audit?until={future}", headers=headers).json()["total"] >= 1


def test_audit_is_read_only(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert client.request(method, "/v1/audit", headers=headers).status_code == 405
        assert client.request(method, "/v1/audit/aud_x", headers=headers).status_code == 405


def test_retention_purges_events_older_than_90_days(make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    old_id = record_event(tenant.organization_id)
    with runtime.current().db.sync_transaction() as session:
        session.get(AuditEvent, old_id).created_at = utcnow() - timedelta(days=91)
    counts = asyncio.run(worker.run_once())
    assert counts["audit_events_purged"] >= 1
    with runtime.current().db.sync_transaction() as session:
        assert session.get(AuditEvent, old_id) is None


def test_worker_removes_ended_sessions(client, make_tenant):
    from datetime import timedelta

    import jwt

    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    user = create_user(tenant.organization_id)
    token = client.post(
        "/v2/auth/login",
        json={"username": user.username, "password": "correct horse battery staple"},
    ).json()
    sid = jwt.decode(token["access_token"], options={"verify_signature": False})["sid"]
    with runtime.current().db.sync_transaction() as session:
        session.get(LoginSession, sid).expires_at = utcnow() - timedelta(days=2)
    assert asyncio.run(worker.run_once())["sessions_removed"] >= 1
    with runtime.current().db.sync_transaction() as session:
        assert session.get(LoginSession, sid) is None
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": token["refresh_token"]}).status_code
        == 401
    )
