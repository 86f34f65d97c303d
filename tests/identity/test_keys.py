"""/v1/keys (seed 002): create, list, change, revoke, roll, expiry, IP ranges, sandbox keys."""

from __future__ import annotations

from datetime import timedelta

import pytest

from charter.platform.clock import isoformat, utcnow
from tests.factories import create_user


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _create(client, tenant, **body):
    return client.post(
        "/v1/keys",
        headers={"X-API-Key": tenant.key},
        json={"name": "k", "scopes": ["users:read"], **body},
    )


def test_create_shows_the_secret_once(client, tenant):
    created = _create(client, tenant, name="Reporting")
    assert created.status_code == 201
    key = created.json()["data"]
    assert key["secret"].startswith("sk_live_") and key["last4"] == key["secret"][-4:]
    assert key["prefix"] == "sk_live_" and key["mode"] == "live"
    shown = client.get(f"/v1/keys/{key['id']}", headers={"X-API-Key": tenant.key}).json()["data"]
    assert "secret" not in shown
    listed = client.get("/v1/keys", headers={"X-API-Key": tenant.key}).json()
    assert key["id"] in [k["id"] for k in listed["data"]]
    assert all("secret" not in k for k in listed["data"])
    assert client.get("/v1/users", headers={"X-API-Key": key["secret"]}).status_code == 200


def test_keys_need_admin(client, tenant, make_tenant):
    from tests.factories import create_key

    reader, _ = create_key(tenant.organization_id, scopes=["users:read"])
    response = client.get("/v1/keys", headers={"X-API-Key": reader})
    assert response.status_code == 403
    assert "lacks the scope(s): admin" in response.json()["error"]["message"]


def test_patch_scopes_and_ip_ranges(client, tenant):
    key = _create(client, tenant).json()["data"]
    path = f"/v1/keys/{key['id']}"
    changed = client.patch(
        path,
        headers={"X-API-Key": tenant.key},
        json={"scopes": ["audit:read"], "ip_ranges": ["10.0.0.0/8"]},
    )
    assert changed.status_code == 200
    assert changed.json()["data"]["scopes"] == ["audit:read"] and changed.json()["data"][
        "ip_ranges"
    ] == ["10.0.0.0/8"]
    refused = client.get("/v1/audit", headers={"X-API-Key": key["secret"]})
    assert refused.status_code == 403  # the scope is right now, the address is not
    assert refused.json()["error"]["message"] == (
        "This API key may not be used from this IP address"
    )
    bad = client.patch(path, headers={"X-API-Key": tenant.key}, json={"ip_ranges": ["not-a-cidr"]})
    assert (
        bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "body.ip_ranges.0"
    )


def test_revoke_removes_the_key_and_keeps_its_history(client, tenant):
    key = _create(client, tenant).json()["data"]
    admin = {"X-API-Key": tenant.key}
    path = f"/v1/keys/{key['id']}"
    assert client.delete(path, headers=admin).status_code == 204
    assert client.get("/v1/users", headers={"X-API-Key": key["secret"]}).status_code == 401
    # Gone from the API (Schemathesis' use-after-free check) ...
    assert client.get(path, headers=admin).status_code == 404
    assert client.patch(path, headers=admin, json={"name": "again"}).status_code == 404
    assert client.delete(path, headers=admin).status_code == 404
    listed = client.get("/v1/keys?limit=100", headers=admin).json()["data"]
    assert key["id"] not in [k["id"] for k in listed]
    # ... but not from the audit log.
    history = client.get(f"/v1/audit?resource_id={key['id']}", headers=admin).json()["data"]
    assert {"api_key.created", "api_key.revoked"} <= {e["action"] for e in history}


def test_roll_with_grace(client, tenant, clock):
    key = _create(client, tenant).json()["data"]
    rolled = client.post(
        f"/v1/keys/{key['id']}/roll", headers={"X-API-Key": tenant.key}, json={"grace_seconds": 60}
    )
    assert rolled.status_code == 201
    new = rolled.json()["data"]
    assert (
        new["id"] != key["id"] and new["secret"] != key["secret"] and new["scopes"] == key["scopes"]
    )
    assert (
        client.get("/v1/users", headers={"X-API-Key": key["secret"]}).status_code == 200
    )  # still in grace
    assert client.get("/v1/users", headers={"X-API-Key": new["secret"]}).status_code == 200
    clock.advance(55)
    assert client.get("/v1/users", headers={"X-API-Key": key["secret"]}).status_code == 200
    clock.advance(6)
    assert client.get("/v1/users", headers={"X-API-Key": key["secret"]}).status_code == 401
    assert client.get("/v1/users", headers={"X-API-Key": new["secret"]}).status_code == 200


def test_roll_without_grace_revokes_at_once(client, tenant):
    key = _create(client, tenant).json()["data"]
    client.post(f"/v1/keys/{key['id']}/roll", headers={"X-API-Key": tenant.key})
    assert client.get("/v1/users", headers={"X-API-Key": key["secret"]}).status_code == 401


def test_expiry_must_be_future_and_is_enforced(client, tenant, clock):
    past = _create(client, tenant, expires_at="2000-01-01T00:00:00Z")
    assert (
        past.status_code == 422 and past.json()["error"]["details"][0]["field"] == "body.expires_at"
    )
    # In a minute (to the whole second: up to one second sooner).
    soon = _create(client, tenant, expires_at=isoformat(utcnow() + timedelta(seconds=60)))
    assert soon.status_code == 201
    secret = soon.json()["data"]["secret"]
    assert client.get("/v1/users", headers={"X-API-Key": secret}).status_code == 200
    clock.advance(55)
    assert client.get("/v1/users", headers={"X-API-Key": secret}).status_code == 200
    clock.advance(6)
    expired = client.get("/v1/users", headers={"X-API-Key": secret})
    assert expired.status_code == 401
    assert expired.json()["error"]["message"] == "API key has expired"


def test_sandbox_keys_see_sandbox_data_only(client, tenant):
    live_user = create_user(tenant.organization_id, livemode=True)
    sandbox_user = create_user(tenant.organization_id, livemode=False)
    test_key = _create(client, tenant, mode="test", scopes=["admin"]).json()["data"]
    assert test_key["secret"].startswith("sk_test_")
    sandbox_headers = {"X-API-Key": test_key["secret"]}
    ids = [
        u["id"] for u in client.get("/v1/users?limit=100", headers=sandbox_headers).json()["data"]
    ]
    assert sandbox_user.id in ids and live_user.id not in ids
    # Live state answers 403 to sandbox credentials and does not change.
    live_path = f"/v1/users/{live_user.id}"
    assert client.get(live_path, headers=sandbox_headers).status_code == 403
    disable = client.patch(live_path, headers=sandbox_headers, json={"status": "disabled"})
    assert disable.status_code == 403
    assert client.delete(live_path, headers=sandbox_headers).status_code == 403
    org_path = f"/v1/organizations/{tenant.organization_id}"
    renamed = client.patch(org_path, headers=sandbox_headers, json={"name": "Renamed by sandbox"})
    assert renamed.status_code == 403
    assert client.get(org_path, headers={"X-API-Key": tenant.key}).json()["data"]["name"] != (
        "Renamed by sandbox"
    )
    assert client.get(live_path, headers={"X-API-Key": tenant.key}).json()["data"]["status"] == (
        "active"
    )
    live_ids = [
        u["id"]
        for u in client.get("/v1/users?limit=100", headers={"X-API-Key": tenant.key}).json()["data"]
    ]
    assert live_user.id in live_ids and sandbox_user.id not in live_ids
    created = client.post(
        "/v1/users",
        headers=sandbox_headers,
        json={
            "username": "sandbox.made",
            "email": "sm@example.com",
            "password": "SecurePassword123!",
        },
    ).json()["data"]
    assert (
        client.get(f"/v1/users/{created['id']}", headers={"X-API-Key": tenant.key}).status_code
        == 404
    )
    escalate = client.post(
        "/v1/keys",
        headers=sandbox_headers,
        json={"name": "x", "scopes": ["users:read"], "mode": "live"},
    )
    assert escalate.status_code == 403


def test_use_from_a_new_ip_is_audited(app, client, tenant):
    key = _create(client, tenant).json()["data"]
    client.get("/v1/users", headers={"X-API-Key": key["secret"]})
    with app.test_client(client=("192.0.2.44", 5000)) as elsewhere:
        elsewhere.get("/v1/users", headers={"X-API-Key": key["secret"]})
    events = client.get(
        f"/v1/audit?action=api_key.used_from_new_ip&resource_id={key['id']}",
        headers={"X-API-Key": tenant.key},
    ).json()["data"]
    assert [e["ip"] for e in events] == ["192.0.2.44", "127.0.0.1"]


def test_put_replaces_name_scopes_and_ip_ranges(client, tenant):
    key = _create(client, tenant, name="old", ip_ranges=["10.0.0.0/8"]).json()["data"]
    path = f"/v1/keys/{key['id']}"
    admin = {"X-API-Key": tenant.key}
    replaced = client.put(path, headers=admin, json={"name": "new", "scopes": ["audit:read"]})
    assert replaced.status_code == 200, replaced.text
    data = replaced.json()["data"]
    assert (data["name"], data["scopes"], data["ip_ranges"]) == ("new", ["audit:read"], [])
    assert client.get(path, headers=admin).json()["data"] == data
    missing = client.put(path, headers=admin, json={"name": "no scopes"})
    assert missing.status_code == 400
    assert client.get(path, headers=admin).json()["data"]["name"] == "new"
