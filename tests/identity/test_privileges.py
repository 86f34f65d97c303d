"""Privilege boundaries and races found in review: no escalation to admin or superuser, counters
that hold under concurrent guesses, and idempotent replays that do not skip authorization."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid

import httpx
import pyotp
from sqlalchemy import select

from charter.identity.passwords import verify_password
from charter.platform import crypto, runtime
from storage.models import ApiKey, OneTimeCode, User
from tests import db as testdb
from tests.factories import at_once, create_key, create_user, sent_message

PASSWORD = "correct horse battery staple"


def _assert_password_works(user_id, password=PASSWORD):
    with runtime.current().db.sync_transaction() as session:
        password_hash = session.get(User, user_id).password_hash
    assert asyncio.run(verify_password(password_hash, password))


def test_admin_cannot_roll_or_touch_a_superuser_key(client, make_tenant):
    superuser = make_tenant(plan="unlimited", superuser=True)
    # An organization admin in the superuser's own organization.
    admin_key, _ = create_key(superuser.organization_id, scopes=["admin"])
    headers = {"X-API-Key": admin_key}
    before = testdb.key_state(superuser.key_id)
    keys_before = testdb.count_keys(superuser.organization_id)
    for method, path, body in (
        ("POST", f"/v1/keys/{superuser.key_id}/roll", {"grace_seconds": 0}),
        ("PATCH", f"/v1/keys/{superuser.key_id}", {"name": "mine now"}),
        ("DELETE", f"/v1/keys/{superuser.key_id}", None),
    ):
        response = client.request(method, path, headers=headers, json=body)
        assert response.status_code == 403, (method, path)
        assert response.json()["error"]["code"] == "PERMISSION_DENIED", (method, path)
        assert testdb.key_state(superuser.key_id) == before, (method, path)
        assert testdb.count_keys(superuser.organization_id) == keys_before, (method, path)
    assert client.get("/v1/organizations", headers={"X-API-Key": superuser.key}).status_code == 200


def test_users_write_cannot_take_over_admins_or_superusers(client, make_tenant):
    from charter.identity.roles import ROLE_SCOPES

    superuser = make_tenant(plan="unlimited", superuser=True)
    writer, _ = create_key(
        superuser.organization_id,
        scopes=sorted(ROLE_SCOPES["user"] | {"users:write", "users:delete"}),
    )
    headers = {"X-API-Key": writer}
    admin_user = create_user(superuser.organization_id, roles=["admin"])
    for target in (superuser.user_id, admin_user.id):
        before = testdb.user_state(target)
        assert before is not None and before["status"] == "active"
        for method, body in (
            ("PATCH", {"password": "attacker-password-123"}),
            ("PATCH", {"email": "attacker@example.com"}),
            ("PATCH", {"status": "disabled"}),
            ("PATCH", {"roles": ["user"]}),
            ("DELETE", None),
        ):
            response = client.request(method, f"/v1/users/{target}", headers=headers, json=body)
            assert response.status_code == 403, (target, method, body)
            assert response.json()["error"]["code"] == "PERMISSION_DENIED", (target, method, body)
            assert testdb.user_state(target) == before, (target, method, body)
            _assert_password_works(target)
        login = client.post(
            "/v2/auth/login", json={"username": before["username"], "password": PASSWORD}
        )
        assert login.status_code == 200, target  # the real password still logs in
        refused = client.post(
            "/v2/auth/login",
            json={"username": before["username"], "password": "attacker-password-123"},
        )
        assert refused.status_code == 401, target
    plain = create_user(superuser.organization_id, roles=["user"])
    assert (
        client.patch(
            f"/v1/users/{plain.id}", headers=headers, json={"status": "disabled"}
        ).status_code
        == 200
    )
    assert testdb.user_state(plain.id)["status"] == "disabled"


def _parallel(count, call):
    return at_once([call] * count)


def test_concurrent_wrong_passwords_cannot_exceed_the_threshold(live_server, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    user = create_user(tenant.organization_id)
    results = _parallel(
        20,
        lambda: httpx.post(
            f"{live_server.url}/v2/auth/login",
            json={"username": user.username, "password": "a wrong password!"},
            timeout=30,
        ).json()["error"]["code"],
    )
    assert results.count("INVALID_CREDENTIALS") <= 4  # the 5th failure locks
    assert "ACCOUNT_LOCKED" in results


def test_concurrent_guesses_cannot_exceed_the_code_attempt_limit(live_server, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    user = create_user(tenant.organization_id, phone="+14155550142")
    headers = {"X-API-Key": tenant.key}
    sent = httpx.post(
        f"{live_server.url}/v1/otp/send",
        headers=headers,
        json={"user_id": user.id, "method": "sms"},
    )
    assert sent.status_code == 202, sent.text
    code = sent_message(user.id, method="sms", destination="+14155550142")["code"]
    wrong = [f"{(int(code) + i) % 10**6:06d}" for i in range(1, 21)]
    guesses = iter(wrong)
    lock = threading.Lock()

    def guess():
        with lock:
            value = next(guesses)
        return httpx.post(
            f"{live_server.url}/v1/auth/verify",
            headers=headers,
            json={"user_id": user.id, "method": "sms", "code": value},
            timeout=30,
        ).json()["verified"]

    assert not any(_parallel(20, guess))
    late = httpx.post(
        f"{live_server.url}/v1/auth/verify",
        headers=headers,
        json={"user_id": user.id, "method": "sms", "code": code},
    ).json()
    assert late["verified"] is False  # the 5 attempts were spent by the wrong guesses
    with runtime.current().db.sync_transaction() as session:
        attempts = session.scalars(
            select(OneTimeCode.attempts).where(OneTimeCode.user_id == user.id)
        ).all()
    assert attempts == [runtime.current().settings.otp_max_attempts]


def test_a_totp_code_is_accepted_once_even_concurrently(live_server, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    user = create_user(tenant.organization_id)
    secret = pyotp.random_base32()
    with runtime.current().db.sync_transaction() as session:
        row = session.get(User, user.id)
        row.mfa_enabled, row.totp_secret_enc = True, crypto.encrypt(secret)
    totp = pyotp.TOTP(secret)
    code = totp.at(time.time() + totp.interval)
    statuses = _parallel(
        12,
        lambda: (
            httpx.post(
                f"{live_server.url}/v2/auth/login",
                json={"username": user.username, "password": PASSWORD, "mfa_code": code},
                timeout=30,
            ).status_code
        ),
    )
    assert statuses.count(200) == 1


def test_failed_totp_verifications_count_toward_lockout(client, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    user = create_user(tenant.organization_id)
    secret = pyotp.random_base32()
    with runtime.current().db.sync_transaction() as session:
        row = session.get(User, user.id)
        row.mfa_enabled, row.totp_secret_enc = True, crypto.encrypt(secret)
    headers = {"X-API-Key": tenant.key}
    wrong = f"{(int(pyotp.TOTP(secret).now()) + 500000) % 10**6:06d}"
    for _ in range(5):
        client.post(
            "/v1/auth/verify",
            headers=headers,
            json={"user_id": user.id, "method": "totp", "code": wrong},
        )
    assert client.get(f"/v1/users/{user.id}", headers=headers).json()["data"]["locked"] is True
    totp = pyotp.TOTP(secret)
    right = client.post(
        "/v1/auth/verify",
        headers=headers,
        json={"user_id": user.id, "method": "totp", "code": totp.at(time.time() + totp.interval)},
    ).json()
    assert right["verified"] is False  # nothing verifies while locked


def test_idempotent_replay_does_not_bypass_ip_or_scope_checks(app, client, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    key, key_id = create_key(tenant.organization_id, scopes=["admin"], ip_ranges=["127.0.0.0/8"])
    idem = str(uuid.uuid4())
    headers = {"X-API-Key": key, "Idempotency-Key": idem}
    body = {"name": "deploy", "scopes": ["users:read"]}
    first = client.post("/v1/keys", headers=headers, json=body)
    assert first.status_code == 201
    keys = testdb.count_keys(tenant.organization_id)
    with app.test_client(client=("198.51.100.7", 4000)) as elsewhere:
        replay = elsewhere.post("/v1/keys", headers=headers, json=body)
    assert replay.status_code == 403 and "idempotent-replayed" not in replay.headers
    assert "may not be used from this IP address" in replay.json()["error"]["message"]
    assert "secret" not in replay.text  # the stored response (with the secret) is not replayed
    with runtime.current().db.sync_transaction() as session:
        session.get(ApiKey, key_id).scopes = ["users:read"]
    from charter.identity.principals import key_cache

    key_cache.clear()
    narrowed = client.post("/v1/keys", headers=headers, json=body)
    assert narrowed.status_code == 403 and "idempotent-replayed" not in narrowed.headers
    assert "lacks the scope(s): admin" in narrowed.json()["error"]["message"]
    assert testdb.count_keys(tenant.organization_id) == keys


def test_lowercase_z_times_are_accepted(client, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    assert client.get("/v1/audit?since=2024-01-01T00:00:00z", headers=headers).status_code == 200
    created = client.post(
        "/v1/keys",
        headers=headers,
        json={"name": "z", "scopes": ["users:read"], "expires_at": "2999-01-01T00:00:00z"},
    )
    assert created.status_code == 201


def test_admin_cannot_roll_a_key_owned_by_the_superuser(client, make_tenant):
    superuser = make_tenant(plan="unlimited", superuser=True)
    created = client.post(
        "/v1/keys",
        headers={"X-API-Key": superuser.key},
        json={"name": "su-owned", "scopes": ["admin"]},
    )
    assert created.status_code == 201
    owned = created.json()["data"]
    admin_key, _ = create_key(superuser.organization_id, scopes=["admin"])
    before = testdb.key_state(owned["id"])
    keys = testdb.count_keys(superuser.organization_id)
    rolled = client.post(f"/v1/keys/{owned['id']}/roll", headers={"X-API-Key": admin_key}, json={})
    assert rolled.status_code == 403
    assert testdb.key_state(owned["id"]) == before and before["revoked_at"] is None
    assert testdb.count_keys(superuser.organization_id) == keys
    assert client.get("/v1/users", headers={"X-API-Key": owned["secret"]}).status_code == 200


def test_a_rolled_key_belongs_to_whoever_rolled_it(client, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    other_admin = create_user(tenant.organization_id, roles=["admin"])
    _, owned_id = create_key(tenant.organization_id, user_id=other_admin.id, scopes=["admin"])
    listed = client.get("/v1/keys?limit=100", headers={"X-API-Key": tenant.key}).json()["data"]
    assert sorted(k["id"] for k in listed) == sorted([tenant.key_id, owned_id])
    rolled = client.post(f"/v1/keys/{owned_id}/roll", headers={"X-API-Key": tenant.key}, json={})
    assert rolled.status_code == 201
    new = rolled.json()["data"]
    with runtime.current().db.sync_transaction() as session:
        assert session.get(ApiKey, new["id"]).user_id == tenant.user_id
        assert session.get(ApiKey, owned_id).user_id == other_admin.id


def test_users_write_cannot_grant_scopes_it_lacks(client, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    writer, _ = create_key(tenant.organization_id, scopes=["users:write", "users:read"])
    username = f"ed.{uuid.uuid4().hex[:6]}"
    response = client.post(
        "/v1/users",
        headers={"X-API-Key": writer},
        json={
            "username": username,
            "email": "ed@example.com",
            "password": "SecurePassword123!",
            "roles": ["editor"],
        },
    )
    assert response.status_code == 403
    listed = client.get("/v1/users?limit=100", headers={"X-API-Key": tenant.key}).json()
    assert username not in [u["username"] for u in listed["data"]]
    assert listed["total"] == 1  # the tenant's admin only: nobody was created
    editor = create_user(tenant.organization_id, roles=["editor"])
    before = testdb.user_state(editor.id)
    takeover = client.patch(
        f"/v1/users/{editor.id}",
        headers={"X-API-Key": writer},
        json={"password": "attacker-password-1"},
    )
    assert takeover.status_code == 403
    assert testdb.user_state(editor.id) == before
    _assert_password_works(editor.id)


def test_factor_checks_on_a_more_powerful_user_are_refused(client, make_tenant):
    from charter.identity.roles import ROLE_SCOPES

    superuser = make_tenant(plan="unlimited", superuser=True)
    writer, _ = create_key(
        superuser.organization_id, scopes=sorted(ROLE_SCOPES["user"] | {"users:write"})
    )
    body = {"user_id": superuser.user_id, "method": "recovery", "code": "aaaaa-aaaaa"}
    before = testdb.user_state(superuser.user_id)
    for _ in range(6):  # more than the lockout threshold: a refused check must not count
        response = client.post("/v1/auth/verify", headers={"X-API-Key": writer}, json=body)
        assert response.status_code == 403
    assert testdb.user_state(superuser.user_id) == before
    with runtime.current().db.sync_transaction() as session:
        assert session.get(User, superuser.user_id).failed_logins == 0


def test_an_invalid_api_key_is_not_rescued_by_a_bearer(client, make_tenant):
    tenant = make_tenant(plan="free", scopes=["admin"])
    headers = {"X-API-Key": "sk_live_junk", "Authorization": f"Bearer {tenant.key}"}
    response = client.get("/v1/organizations", headers=headers)
    assert response.status_code == 401
    assert "not both" in response.json()["error"]["message"]
    assert (
        client.get(
            "/v1/organizations", headers={"Authorization": f"Bearer {tenant.key}"}
        ).status_code
        == 200
    )


def test_far_future_time_with_offset_is_a_clean_error(client, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    response = client.post(
        "/v1/keys",
        headers={"X-API-Key": tenant.key},
        json={"name": "far", "scopes": ["users:read"], "expires_at": "9999-12-31T23:59:59-05:00"},
    )
    assert response.status_code == 400
