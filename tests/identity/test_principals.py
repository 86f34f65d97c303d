"""Credential resolution: the per-process cache never outlives a change made in this process."""

from __future__ import annotations

from charter.identity import principals


def test_a_lookup_that_raced_a_revocation_is_not_cached(client, make_tenant, monkeypatch):
    tenant = make_tenant(scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    principals.key_cache.clear()
    original = principals._load_key_principal
    loads = []

    async def racing_load(token):
        result = await original(token)  # read the key as it was...
        loads.append(token)
        if len(loads) == 1:
            principals.key_cache.clear()  # ...while a revocation in this process committed
        return result

    monkeypatch.setattr(principals, "_load_key_principal", racing_load)
    assert client.get("/v1/health", headers=headers).status_code == 200
    assert client.get("/v1/health", headers=headers).status_code == 200
    # The first lookup's result was not kept: the second request looked the key up again.
    assert len(loads) == 2
    assert client.get("/v1/health", headers=headers).status_code == 200
    assert len(loads) == 2  # and that one, begun after the revocation, is cached


def test_revoking_a_key_refuses_it_at_once_in_this_process(client, make_tenant):
    tenant = make_tenant(scopes=["admin"])
    admin = {"X-API-Key": tenant.key}
    created = client.post(
        "/v1/keys", headers=admin, json={"name": "doomed", "scopes": ["users:read"]}
    )
    secret, key_id = created.json()["data"]["secret"], created.json()["data"]["id"]
    victim = {"X-API-Key": secret}
    assert client.get("/v1/users", headers=victim).status_code == 200  # now cached
    assert client.delete(f"/v1/keys/{key_id}", headers=admin).status_code == 204
    refused = client.get("/v1/users", headers=victim)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == "Invalid API key"  # deleted: no such key now


def test_disabling_a_user_ends_their_cached_access_token_at_once(client, make_tenant):
    from tests.factories import PASSWORD, create_user

    tenant = make_tenant(scopes=["admin"])
    user = create_user(tenant.organization_id, roles=["user"])
    tokens = client.post(
        "/v2/auth/login", json={"username": user.username, "password": PASSWORD}
    ).json()
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get(f"/v1/users/{user.id}", headers=bearer).status_code == 200  # now cached
    disabled = client.patch(
        f"/v1/users/{user.id}", headers={"X-API-Key": tenant.key}, json={"status": "disabled"}
    )
    assert disabled.status_code == 200 and disabled.json()["data"]["status"] == "disabled"
    refused = client.get(f"/v1/users/{user.id}", headers=bearer)
    assert refused.status_code == 401
