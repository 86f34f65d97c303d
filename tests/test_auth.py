"""Authentication and authorisation on every surface: keys, JWTs, scopes, IPs, tenancy."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt

from charter.platform.clock import utcnow
from tests.factories import create_key, revoke_key


def test_key_in_x_api_key_and_in_bearer(client, admin):
    assert client.get("/v1/organizations", headers={"X-API-Key": admin.key}).status_code == 200
    bearer = {"Authorization": f"Bearer {admin.key}"}
    assert client.get("/v1/organizations", headers=bearer).status_code == 200


def test_invalid_key_is_401_in_each_envelope(client):
    v1 = client.get("/v1/organizations", headers={"X-API-Key": "sk_live_nope"})
    assert v1.status_code == 401 and v1.json()["error"]["code"] == "AUTHENTICATION_FAILED"
    ingestion = client.get("/api/v1/status", headers={"X-API-Key": "sk_live_nope"})
    assert ingestion.status_code == 401
    assert ingestion.json()["error"]["code"] == "AUTHENTICATION_ERROR"


def test_expired_key_is_401(client, admin):
    key, _ = create_key(
        admin.organization_id, scopes=["admin"], expires_at=utcnow() - timedelta(seconds=1)
    )
    response = client.get("/v1/organizations", headers={"X-API-Key": key})
    assert response.status_code == 401
    assert "expired" in response.json()["error"]["message"]


def test_revoked_key_stops_working_within_one_second(client, admin):
    key, key_id = create_key(admin.organization_id, scopes=["admin"])
    assert client.get("/v1/organizations", headers={"X-API-Key": key}).status_code == 200
    revoke_key(key_id)  # written straight to the database, as another process would
    time.sleep(1.05)
    response = client.get("/v1/organizations", headers={"X-API-Key": key})
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]["message"]


def test_key_without_the_needed_scope_is_403(client, admin):
    key, _ = create_key(admin.organization_id, scopes=["users:read"])
    response = client.get("/v1/organizations", headers={"X-API-Key": key})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "PERMISSION_DENIED" and "organizations:read" in error["message"]
    ingestion = client.get("/api/v1/status", headers={"X-API-Key": key})
    assert ingestion.status_code == 403
    assert ingestion.json()["error"]["code"] == "AUTHORIZATION_ERROR"


def test_ip_restricted_key(client, admin):
    allowed, _ = create_key(admin.organization_id, scopes=["admin"], ip_ranges=["127.0.0.0/8"])
    assert client.get("/v1/organizations", headers={"X-API-Key": allowed}).status_code == 200
    elsewhere, _ = create_key(admin.organization_id, scopes=["admin"], ip_ranges=["10.9.8.0/24"])
    response = client.get("/v1/organizations", headers={"X-API-Key": elsewhere})
    assert response.status_code == 403


def _token(settings, user_id, **overrides):
    from charter.platform import crypto

    kid, keys = crypto.jwt_keys()
    now = int(time.time())
    claims = {"sub": user_id, "iat": now, "exp": now + 900, **overrides}
    return jwt.encode(claims, keys[kid], algorithm="HS256", headers={"kid": kid})


def test_jwt_access_token(client, settings, admin):
    from tests.factories import create_user

    user = create_user(admin.organization_id, roles=["admin"])
    token = client.post(
        "/v2/auth/login",
        json={"username": user.username, "password": "correct horse battery staple"},
    ).json()["access_token"]
    response = client.get("/v1/organizations", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert [o["id"] for o in response.json()["data"]] == [admin.organization_id]


def test_jwt_without_a_session_is_refused(client, settings, admin):
    # A correctly signed token that names no login session cannot be revoked: refuse it.
    response = client.get(
        "/v1/organizations", headers={"Authorization": f"Bearer {_token(settings, admin.user_id)}"}
    )
    assert response.status_code == 401


def test_expired_or_forged_jwt_is_401(client, settings, admin):
    expired = _token(settings, admin.user_id, exp=int(time.time()) - 60)
    forged = jwt.encode(
        {"sub": admin.user_id, "iat": 1, "exp": 2**31}, "wrong-secret-" * 4, algorithm="HS256"
    )
    for token in (expired, forged):
        response = client.get("/v1/organizations", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401


def test_admin_cannot_see_or_touch_another_organization(client, admin, make_tenant):
    other = make_tenant(plan="free")
    headers = {"X-API-Key": admin.key}
    path = f"/v1/organizations/{other.organization_id}"
    for method, body in (
        ("get", None),
        ("patch", {"name": "x"}),
        ("put", {"name": "x", "plan": "free"}),
        ("delete", None),
    ):
        response = client.request(method.upper(), path, headers=headers, json=body)
        assert response.status_code == 404, method
        assert response.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
    listed = client.get("/v1/organizations", headers=headers).json()
    assert [o["id"] for o in listed["data"]] == [admin.organization_id] and listed["total"] == 1


def test_forwarded_for_is_believed_only_from_trusted_proxies(client, admin, monkeypatch):
    from charter.platform import runtime

    key, _ = create_key(admin.organization_id, scopes=["admin"], ip_ranges=["203.0.113.0/24"])
    spoofed = {"X-API-Key": key, "X-Forwarded-For": "203.0.113.9"}
    assert client.get("/v1/organizations", headers=spoofed).status_code == 403
    monkeypatch.setattr(runtime.current().settings, "trusted_proxies", "127.0.0.1")
    assert client.get("/v1/organizations", headers=spoofed).status_code == 200
    chained = {"X-API-Key": key, "X-Forwarded-For": "198.51.100.1, 203.0.113.9"}
    assert client.get("/v1/organizations", headers=chained).status_code == 200
