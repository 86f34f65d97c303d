"""Authentication and authorisation on every surface: keys, JWTs, scopes, IPs, tenancy."""

from __future__ import annotations

import time
from datetime import timedelta

import jwt
import pytest

from charter.platform.clock import utcnow
from tests.factories import create_key, revoke_key


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def test_key_in_x_api_key_and_in_bearer(client, tenant):
    assert client.get("/v1/organizations", headers={"X-API-Key": tenant.key}).status_code == 200
    bearer = {"Authorization": f"Bearer {tenant.key}"}
    assert client.get("/v1/organizations", headers=bearer).status_code == 200


def test_invalid_key_is_401_in_each_envelope(client):
    v1 = client.get("/v1/organizations", headers={"X-API-Key": "sk_live_nope"})
    assert v1.status_code == 401 and v1.json()["error"]["code"] == "AUTHENTICATION_FAILED"
    ingestion = client.get("/api/v1/status", headers={"X-API-Key": "sk_live_nope"})
    assert ingestion.status_code == 401
    assert ingestion.json()["error"]["code"] == "AUTHENTICATION_ERROR"


def test_expired_key_is_401(client, tenant):
    key, _ = create_key(
        tenant.organization_id, scopes=["admin"], expires_at=utcnow() - timedelta(seconds=1)
    )
    response = client.get("/v1/organizations", headers={"X-API-Key": key})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "API key has expired"


def test_revoked_key_stops_working_within_one_second(client, tenant, clock):
    key, key_id = create_key(tenant.organization_id, scopes=["admin"])
    assert client.get("/v1/organizations", headers={"X-API-Key": key}).status_code == 200
    revoke_key(key_id)  # written straight to the database, as another process would
    clock.advance(1.05)  # past the credential cache's lifetime
    response = client.get("/v1/organizations", headers={"X-API-Key": key})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "API key has been revoked"


def test_key_without_the_needed_scope_is_403(client, tenant):
    key, _ = create_key(tenant.organization_id, scopes=["users:read"])
    response = client.get("/v1/organizations", headers={"X-API-Key": key})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "PERMISSION_DENIED"
    assert error["message"] == "This credential lacks the scope(s): organizations:read"
    ingestion = client.get("/api/v1/status", headers={"X-API-Key": key})
    assert ingestion.status_code == 403
    assert ingestion.json()["error"]["code"] == "AUTHORIZATION_ERROR"
    assert "lacks the scope(s)" in ingestion.json()["error"]["message"]


def test_ip_restricted_key(client, tenant):
    allowed, _ = create_key(tenant.organization_id, scopes=["admin"], ip_ranges=["127.0.0.0/8"])
    assert client.get("/v1/organizations", headers={"X-API-Key": allowed}).status_code == 200
    elsewhere, _ = create_key(tenant.organization_id, scopes=["admin"], ip_ranges=["10.9.8.0/24"])
    response = client.get("/v1/organizations", headers={"X-API-Key": elsewhere})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "PERMISSION_DENIED"
    assert error["message"] == "This API key may not be used from this IP address"
    # The right address but a missing scope is the other denial, told apart by its message.
    narrow, _ = create_key(tenant.organization_id, scopes=["users:read"], ip_ranges=["127.0.0.0/8"])
    scope = client.get("/v1/organizations", headers={"X-API-Key": narrow}).json()["error"]
    assert scope["message"] == "This credential lacks the scope(s): organizations:read"


def _token(settings, user_id, **overrides):
    from charter.platform import crypto

    kid, keys = crypto.jwt_keys()
    now = int(time.time())
    claims = {"sub": user_id, "iat": now, "exp": now + 900, **overrides}
    return jwt.encode(claims, keys[kid], algorithm="HS256", headers={"kid": kid})


def test_jwt_access_token(client, settings, tenant):
    from tests.factories import create_user

    user = create_user(tenant.organization_id, roles=["admin"])
    token = client.post(
        "/v2/auth/login",
        json={"username": user.username, "password": "correct horse battery staple"},
    ).json()["access_token"]
    response = client.get("/v1/organizations", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert [o["id"] for o in response.json()["data"]] == [tenant.organization_id]


def test_jwt_without_a_session_is_refused(client, settings, tenant):
    # A correctly signed token that names no login session cannot be revoked: refuse it.
    response = client.get(
        "/v1/organizations", headers={"Authorization": f"Bearer {_token(settings, tenant.user_id)}"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "Invalid access token"


def test_expired_or_forged_jwt_is_401(client, settings, tenant):
    from charter.platform import crypto
    from tests.factories import create_user

    user = create_user(tenant.organization_id, roles=["admin"])
    login = client.post(
        "/v2/auth/login",
        json={"username": user.username, "password": "correct horse battery staple"},
    )
    assert login.status_code == 200
    genuine = login.json()["access_token"]
    claims = jwt.decode(genuine, options={"verify_signature": False})
    kid, _ = crypto.jwt_keys()
    # The same claims (a live session), only expired, or only signed with another secret.
    expired = _token(settings, user.id, **{**claims, "iat": claims["iat"] - 3600, "exp": 1})
    forged = jwt.encode(claims, "wrong-secret-" * 4, algorithm="HS256", headers={"kid": kid})
    bearer = {"Authorization": f"Bearer {genuine}"}
    assert client.get("/v1/organizations", headers=bearer).status_code == 200
    for token, message in (
        (expired, "Access token has expired"),
        (forged, "Invalid access token"),
    ):
        response = client.get("/v1/organizations", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, message
        error = response.json()["error"]
        assert error["code"] == "AUTHENTICATION_FAILED" and error["message"] == message


def test_admin_cannot_see_or_touch_another_organization(client, tenant, make_tenant):
    other = make_tenant(plan="free")
    headers = {"X-API-Key": tenant.key}
    path = f"/v1/organizations/{other.organization_id}"
    before = client.get(path, headers={"X-API-Key": other.key}).json()["data"]
    for method, body in (
        ("get", None),
        ("patch", {"name": "x"}),
        ("put", {"name": "x", "plan": "free"}),
        ("delete", None),
    ):
        response = client.request(method.upper(), path, headers=headers, json=body)
        assert response.status_code == 404, method
        assert response.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
        after = client.get(path, headers={"X-API-Key": other.key})
        assert after.status_code == 200 and after.json()["data"] == before, method
    listed = client.get("/v1/organizations", headers=headers).json()
    assert [o["id"] for o in listed["data"]] == [tenant.organization_id] and listed["total"] == 1


def test_forwarded_for_is_believed_only_from_trusted_proxies(client, tenant, monkeypatch):
    from charter.platform import runtime

    key, _ = create_key(tenant.organization_id, scopes=["admin"], ip_ranges=["203.0.113.0/24"])
    spoofed = {"X-API-Key": key, "X-Forwarded-For": "203.0.113.9"}
    refused = client.get("/v1/organizations", headers=spoofed)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "This API key may not be used from this IP address"
    monkeypatch.setattr(runtime.current().settings, "trusted_proxies", "127.0.0.1")
    assert client.get("/v1/organizations", headers=spoofed).status_code == 200
    chained = {"X-API-Key": key, "X-Forwarded-For": "198.51.100.1, 203.0.113.9"}
    assert client.get("/v1/organizations", headers=chained).status_code == 200
