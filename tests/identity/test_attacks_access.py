"""Attacks on access control: personal keys, operator vs tenant admin, sandbox credentials.
Each test asserts the secure behaviour: a failure is a defect found."""

from __future__ import annotations

import uuid

import pytest

from storage.models import ApiKey
from tests.db import transaction
from tests.factories import PASSWORD, create_key, create_user
from tests.identity import calls


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


# --- 1. Personal keys ---------------------------------------------------------------------------


def test_demoted_users_personal_key_loses_the_powers_they_lost(client, tenant):
    """A personal key acts as its user: demoting the user must not leave it an admin's key."""
    alice = create_user(tenant.organization_id, roles=["admin"])
    personal = calls.personal_key(client, calls.bearer(client, alice.username), ["admin"])
    demote = client.patch(
        f"/v1/users/{alice.id}", headers=calls.key(tenant.key), json={"roles": ["user"]}
    )
    assert demote.status_code == 200, demote.text
    # Alice's own token lost admin at once; her personal key must too.
    assert client.get("/v1/keys", headers=calls.bearer(client, alice.username)).status_code == 403
    body = {**calls.new_user_body(), "roles": ["admin"]}
    created = client.post("/v1/users", headers=calls.key(personal["api_key"]), json=body)
    assert created.status_code in (401, 403), created.text
    promote = client.patch(
        f"/v1/users/{alice.id}", headers=calls.key(personal["api_key"]), json={"roles": ["admin"]}
    )
    assert promote.status_code in (401, 403), promote.text


def test_admin_cannot_give_a_personal_key_scopes_its_owner_lacks(client, tenant):
    """PATCH/PUT /v1/keys on a personal key must keep it within its owner's permissions."""
    bob = create_user(tenant.organization_id, roles=["user"])
    personal = calls.personal_key(client, calls.bearer(client, bob.username), ["read:data"])
    for method in ("patch", "put"):
        response = getattr(client, method)(
            f"/v1/keys/{personal['key_id']}",
            headers=calls.key(tenant.key),
            json={"name": "mine", "scopes": ["admin"]},
        )
        assert response.status_code == 403, (method, response.text)


def test_a_personal_key_cannot_mint_a_key_that_outlives_it(client, tenant):
    """A short-lived personal key must not turn itself into a key that never expires."""
    alice = create_user(tenant.organization_id, roles=["editor"])
    short = calls.personal_key(
        client, calls.bearer(client, alice.username), ["read:data"], expires_in_days=1
    )
    child = client.post(
        "/v2/auth/api-keys",
        headers=calls.key(short["api_key"]),
        json={"name": "forever", "permissions": ["read:data"]},
    )
    assert child.status_code == 403 or child.json()["expires_at"] is not None, child.text


def test_an_ip_restricted_personal_key_cannot_mint_an_unrestricted_one(client, tenant):
    alice = create_user(tenant.organization_id, roles=["editor"])
    short = calls.personal_key(client, calls.bearer(client, alice.username), ["read:data"])
    restrict = client.patch(
        f"/v1/keys/{short['key_id']}",
        headers=calls.key(tenant.key),
        json={"ip_ranges": ["127.0.0.1/32"]},
    )
    assert restrict.status_code == 200, restrict.text
    child = client.post(
        "/v2/auth/api-keys",
        headers=calls.key(short["api_key"]),
        json={"name": "anywhere", "permissions": ["read:data"]},
    )
    if child.status_code == 201:
        with transaction() as session:
            assert session.get(ApiKey, child.json()["key_id"]).ip_ranges == ["127.0.0.1/32"]
    else:
        assert child.status_code == 403


def test_rolled_personal_key_stays_personal_and_suspends_with_its_owner(client, tenant):
    bob = create_user(tenant.organization_id, roles=["user"])
    personal = calls.personal_key(client, calls.bearer(client, bob.username), ["read:data"])
    rolled = client.post(
        f"/v1/keys/{personal['key_id']}/roll",
        headers=calls.key(tenant.key),
        json={"grace_seconds": 0},
    )
    assert rolled.status_code in (200, 201), rolled.text
    new_secret = rolled.json()["data"]["secret"]
    with transaction() as session:
        new = session.get(ApiKey, rolled.json()["data"]["id"])
        assert new.personal and new.user_id == bob.id
    client.patch(f"/v1/users/{bob.id}", headers=calls.key(tenant.key), json={"status": "disabled"})
    assert client.get("/v1/users", headers=calls.key(new_secret)).status_code == 401


def test_personal_key_of_another_admin_cannot_be_rolled_by_a_weaker_key(client, tenant):
    """Rolling hands over the secret: only for keys whose powers the caller has."""
    alice = create_user(tenant.organization_id, roles=["admin"])
    personal = calls.personal_key(client, calls.bearer(client, alice.username), ["admin"])
    weak, _ = create_key(tenant.organization_id, scopes=["keys:write", "keys:read"])
    rolled = client.post(f"/v1/keys/{personal['key_id']}/roll", headers=calls.key(weak), json={})
    assert rolled.status_code == 403, rolled.text


def test_org_key_of_a_demoted_creator_cannot_be_rolled_by_a_lesser_admin_key(client, tenant):
    """An admin-scoped key must not be handed out to whoever can manage its (now weaker) owner.

    Alice (admin) creates an organization key with `admin`; she is demoted to `user`. A caller
    whose powers are only users:* + keys:* must not be able to roll it and receive its secret."""
    alice = create_user(tenant.organization_id, roles=["admin"])
    org_key = client.post(
        "/v1/keys",
        headers=calls.bearer(client, alice.username),
        json={"name": "ops", "scopes": ["admin"]},
    ).json()["data"]
    client.patch(f"/v1/users/{alice.id}", headers=calls.key(tenant.key), json={"roles": ["user"]})
    weak, _ = create_key(
        tenant.organization_id, scopes=["keys:read", "keys:write", "users:read", "users:write"]
    )
    # Holds today only because /v1/keys/{id}/roll needs `admin` (x-scopes): the service rule
    # (_check_can_manage) looks at the owner's roles, not at the key's own scopes.
    rolled = client.post(f"/v1/keys/{org_key['id']}/roll", headers=calls.key(weak), json={})
    assert rolled.status_code == 403


def test_deleted_users_tokens_and_personal_keys_die(client, tenant):
    carol = create_user(tenant.organization_id, roles=["user"])
    bearer = calls.bearer(client, carol.username)
    personal = calls.personal_key(client, bearer, ["read:data"])
    assert client.delete(f"/v1/users/{carol.id}", headers=calls.key(tenant.key)).status_code == 204
    assert client.get("/v1/organizations", headers=bearer).status_code == 401
    assert (
        client.get("/v1/organizations", headers=calls.key(personal["api_key"])).status_code == 401
    )
    # And a new user with the same username does not inherit the old key.
    create_user(tenant.organization_id, username=carol.username, roles=["user"])
    assert (
        client.get("/v1/organizations", headers=calls.key(personal["api_key"])).status_code == 401
    )


def test_unauthenticated_v2_key_creation_is_401(client):
    response = client.post("/v2/auth/api-keys", json={"name": "x", "permissions": ["read:data"]})
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "UNAUTHORIZED"


def test_superuser_personal_key_is_not_an_operator_credential_for_tenant_admins(client, superuser):
    """A superuser's personal key must not be manageable (rolled) by a tenant admin of the
    operator's own organization."""
    tenant_admin = create_user(superuser.organization_id, roles=["admin"])
    operator = create_user(superuser.organization_id, roles=["admin"], superuser=True)
    personal = calls.personal_key(
        client, calls.bearer(client, operator.username), ["organizations:read"]
    )
    rolled = client.post(
        f"/v1/keys/{personal['key_id']}/roll",
        headers=calls.bearer(client, tenant_admin.username),
        json={},
    )
    assert rolled.status_code == 403, rolled.text


def test_sandbox_credential_cannot_see_or_roll_live_personal_keys(client, tenant):
    bob = create_user(tenant.organization_id, roles=["user"])
    personal = calls.personal_key(client, calls.bearer(client, bob.username), ["read:data"])
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    for call in (
        client.get(f"/v1/keys/{personal['key_id']}", headers=calls.key(sandbox)),
        client.post(f"/v1/keys/{personal['key_id']}/roll", headers=calls.key(sandbox), json={}),
        client.delete(f"/v1/keys/{personal['key_id']}", headers=calls.key(sandbox)),
    ):
        assert call.status_code == 404, call.text
    made = client.post(
        "/v2/auth/api-keys",
        headers=calls.key(sandbox),
        json={"name": "x", "permissions": ["read:data"]},
    )
    assert made.status_code == 201 and made.json()["api_key"].startswith("sk_test_")


# --- 2. Operator vs tenant admin ----------------------------------------------------------------


def test_tenant_admin_cannot_reach_operator_powers(client, tenant, superuser):
    admin_user = create_user(tenant.organization_id, roles=["admin"])
    for headers in (calls.key(tenant.key), calls.bearer(client, admin_user.username)):
        other = superuser.organization_id
        assert client.get(f"/v1/organizations/{other}", headers=headers).status_code == 404
        put = client.put(
            f"/v1/organizations/{other}", headers=headers, json={"name": "pwn", "plan": "free"}
        )
        assert put.status_code == 404
        assert client.delete(f"/v1/organizations/{other}", headers=headers).status_code == 404
        created = client.post("/v1/organizations", headers=headers, json={"name": "Mine too"})
        assert created.status_code == 403
        plan = client.patch(
            f"/v1/organizations/{tenant.organization_id}",
            headers=headers,
            json={"plan": "free"},
        )
        assert plan.status_code == 403
        listed = client.get("/v1/organizations?limit=100", headers=headers).json()
        assert [o["id"] for o in listed["data"]] == [tenant.organization_id]
        assert listed["total"] == 1


def test_tenant_admin_cannot_create_superusers_by_any_body(client, tenant):
    for extra in ({"is_superuser": True}, {"organization_id": "org_x"}, {"superuser": True}):
        body = {**calls.new_user_body(), **extra}
        assert client.post("/v1/users", headers=calls.key(tenant.key), json=body).status_code == 400
        batch = client.post(
            "/v1/users/batch", headers=calls.key(tenant.key), json={"users": [body]}
        )
        assert batch.status_code == 400 or batch.json()["created"] == 0


def test_operator_org_with_taken_admin_username_creates_nothing(client, superuser, tenant):
    name = f"Atomic {uuid.uuid4().hex[:8]}"
    taken = create_user(tenant.organization_id)
    body = {
        "name": name,
        "admin": {"username": taken.username, "email": "x@example.com", "password": PASSWORD},
    }
    response = client.post("/v1/organizations", headers=calls.key(superuser.key), json=body)
    assert response.status_code == 409, response.text
    from tests.db import count_organizations

    assert count_organizations(name) == 0


def test_operator_created_admin_is_a_tenant_admin(client, superuser):
    admin = calls.new_user_body()
    response = client.post(
        "/v1/organizations",
        headers=calls.key(superuser.key),
        json={"name": "Seeded", "admin": admin},
    )
    assert response.status_code == 201, response.text
    org_id = response.json()["data"]["id"]
    bearer = calls.bearer(client, admin["username"])
    listed = client.get("/v1/organizations", headers=bearer).json()
    assert [o["id"] for o in listed["data"]] == [org_id]
    assert client.post("/v1/organizations", headers=bearer, json={"name": "x"}).status_code == 403


def test_tenant_admin_cannot_send_or_verify_codes_for_other_tenants(client, tenant, superuser):
    victim = create_user(superuser.organization_id, phone="+15555550100")
    for path, body in (
        ("/v1/otp/send", {"user_id": victim.id, "method": "sms", "phone": "+15555550199"}),
        ("/v1/auth/verify", {"user_id": victim.id, "method": "sms", "code": "123456"}),
    ):
        response = client.post(path, headers=calls.key(tenant.key), json=body)
        assert response.status_code == 404, (path, response.text)


# --- 3. Sandbox ---------------------------------------------------------------------------------


def test_sandbox_credentials_change_no_live_state(client, tenant):
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    live_user = create_user(tenant.organization_id, roles=["user"])
    headers = calls.key(sandbox)
    org = f"/v1/organizations/{tenant.organization_id}"
    assert client.patch(org, headers=headers, json={"name": "sbx"}).status_code == 403
    put = client.put(org, headers=headers, json={"name": "sbx", "plan": "enterprise"})
    assert put.status_code == 403
    user = f"/v1/users/{live_user.id}"
    assert client.patch(user, headers=headers, json={"status": "disabled"}).status_code == 403
    assert client.delete(user, headers=headers).status_code == 403
    assert client.post(f"{user}/unlock", headers=headers).status_code == 403
    assert client.get(user, headers=headers).status_code == 403
    otp = {"user_id": live_user.id, "method": "sms", "phone": "+15555550199"}
    assert client.post("/v1/otp/send", headers=headers, json=otp).status_code == 403
    live_key = client.post(
        "/v1/keys", headers=headers, json={"name": "l", "scopes": ["read:data"], "mode": "live"}
    )
    assert live_key.status_code == 403
    assert client.get("/v1/keys?mode=live", headers=headers).json()["data"] == []
