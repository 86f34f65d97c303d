"""Personal API keys (seed 000's POST /v2/auth/api-keys): any signed-in user may make a key for
themselves within their own permissions; it lives while its user is active and dies with them,
while the organization's keys (POST /v1/keys) outlive whoever created them."""

from __future__ import annotations

import pytest

from tests.db import list_audit_events, transaction
from tests.factories import PASSWORD, create_key, create_user
from tests.identity import calls

SEED_BODY = {
    "name": "Production Server",
    "permissions": ["read:data", "write:data"],
    "expires_in_days": 365,
}


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _works(client, secret: str) -> int:
    return client.get("/v1/organizations", headers={"X-API-Key": secret}).status_code


def test_seed_000_user_creates_a_key_with_the_seed_body(client, tenant):
    john = create_user(tenant.organization_id, username=None, roles=["user", "editor"])
    response = client.post(
        "/v2/auth/api-keys", headers=calls.bearer(client, john.username), json=SEED_BODY
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["permissions"] == ["read:data", "write:data"]
    assert created["api_key"].startswith("sk_live_")


def test_a_user_cannot_give_a_key_more_than_they_have(client, tenant):
    john = create_user(tenant.organization_id, roles=["user", "editor"])
    response = client.post(
        "/v2/auth/api-keys",
        headers=calls.bearer(client, john.username),
        json={"name": "too much", "permissions": ["read:data", "users:write"]},
    )
    assert response.status_code == 403
    assert "users:write" in response.json()["error"]["message"]


def test_an_organization_key_without_keys_write_cannot_mint_keys_on_v2(client, tenant):
    reader, _ = create_key(tenant.organization_id, scopes=["read:data", "users:read"])
    response = client.post(
        "/v2/auth/api-keys",
        headers={"X-API-Key": reader},
        json={"name": "x", "permissions": ["read:data"]},
    )
    assert response.status_code == 403
    assert "keys:write" in response.json()["error"]["message"]


def _personal_and_org_keys(client, tenant):
    """An admin user signs in and makes one personal key and one organization key."""
    alice = create_user(tenant.organization_id, roles=["admin"])
    bearer = calls.bearer(client, alice.username)
    personal = client.post(
        "/v2/auth/api-keys",
        headers=bearer,
        json={"name": "mine", "permissions": ["organizations:read"]},
    ).json()["api_key"]
    org = client.post(
        "/v1/keys", headers=bearer, json={"name": "theirs", "scopes": ["organizations:read"]}
    ).json()["data"]["secret"]
    assert _works(client, personal) == 200 and _works(client, org) == 200
    return alice, personal, org


def test_disabling_the_owner_suspends_personal_keys_only(client, tenant):
    alice, personal, org = _personal_and_org_keys(client, tenant)
    admin = {"X-API-Key": tenant.key}
    path = f"/v1/users/{alice.id}"
    assert client.patch(path, headers=admin, json={"status": "disabled"}).status_code == 200
    assert _works(client, personal) == 401
    refused = client.post(
        "/v1/users",
        headers={"X-API-Key": personal},
        json={"username": "sneaky", "email": "s@example.com", "password": PASSWORD},
    )
    assert refused.status_code == 401
    assert _works(client, org) == 200  # the organization's key is not the user's
    assert client.patch(path, headers=admin, json={"status": "active"}).status_code == 200
    assert _works(client, personal) == 200  # suspended, not revoked


def test_deleting_the_owner_revokes_personal_keys_with_an_audit_event(client, tenant):
    alice, personal, org = _personal_and_org_keys(client, tenant)
    response = client.delete(f"/v1/users/{alice.id}", headers={"X-API-Key": tenant.key})
    assert response.status_code == 204
    assert _works(client, personal) == 401
    assert _works(client, org) == 200
    with transaction() as session:
        events = list_audit_events(session, organization_id=tenant.organization_id)
        revoked = [e for e in events if e.action == "api_key.revoked"]
        assert [e.details for e in revoked] == [{"reason": "owner_deleted", "user_id": alice.id}]
