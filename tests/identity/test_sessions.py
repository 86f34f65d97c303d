"""/v2/auth (seed 000): login, refresh rotation with reuse detection, logout, API keys, lockout."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import jwt
import pyotp
import pytest

from charter.platform import crypto, runtime
from charter.platform.clock import utcnow
from charter.platform.ratelimit import parse_rate
from storage.models import ApiKey, LoginSession, User
from tests.factories import create_key, create_user

PASSWORD = "correct horse battery staple"


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def user(tenant):
    return create_user(tenant.organization_id, roles=["user", "editor"])


@pytest.fixture
def statements():
    """Every SQL statement run from now on, by any engine of this process."""
    seen: list[str] = []
    db = runtime.current().db
    listener = lambda conn, cursor, statement, *rest: seen.append(statement)  # noqa: E731
    db.listen("before_cursor_execute", listener)
    yield seen
    db.unlisten("before_cursor_execute", listener)


def login(client, username, password=PASSWORD, **extra):
    return client.post("/v2/auth/login", json={"username": username, "password": password, **extra})


def test_seed_login_example_works_as_documented(client, tenant):
    create_user(
        tenant.organization_id,
        username="john.doe",
        password="SecurePassword123!",
        email="john@example.com",
        roles=["user", "editor"],
    )
    response = login(
        client, "john.doe", "SecurePassword123!", remember_me=True, device_id="mobile-ios-abc123"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    assert body["user"]["username"] == "john.doe" and body["user"]["email"] == "john@example.com"
    assert sorted(body["user"]["roles"]) == ["editor", "user"]
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert {"sub", "org", "roles", "scope", "sid", "jti", "amr", "livemode", "exp", "iat"} <= set(
        claims
    )
    assert claims["exp"] - claims["iat"] == 900 and claims["amr"] == ["pwd"]
    assert jwt.get_unverified_header(body["access_token"])["kid"]
    with runtime.current().db.sync_transaction() as session:
        auth_session = session.get(LoginSession, claims["sid"])
        assert auth_session.device_id == "mobile-ios-abc123"
        assert auth_session.expires_at - auth_session.created_at == timedelta(days=30)


def test_refresh_token_lives_seven_days_without_remember_me(client, user):
    claims = jwt.decode(
        login(client, user.username).json()["access_token"], options={"verify_signature": False}
    )
    with runtime.current().db.sync_transaction() as session:
        auth_session = session.get(LoginSession, claims["sid"])
        assert auth_session.expires_at - auth_session.created_at == timedelta(days=7)


def test_access_token_authenticates_with_role_scopes(client, user):
    token = login(client, user.username).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/users", headers=headers).status_code == 200  # editor: users:read
    assert client.get("/v1/keys", headers=headers).status_code == 403  # not admin


@pytest.mark.parametrize(
    "body,field",
    [
        ({"username": "ab", "password": PASSWORD}, "body.username"),
        ({"username": "someone", "password": "short"}, "body.password"),
        ({"password": PASSWORD}, "body.username"),
        ({"username": "someone", "password": PASSWORD, "extra": 1}, "body.extra"),
    ],
)
def test_malformed_login_is_400_invalid_request(client, body, field):
    response = client.post("/v2/auth/login", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "INVALID_REQUEST" and error["details"]["field"] == field


def test_unknown_user_and_wrong_password_answer_the_same(client, user):
    unknown = login(client, "nobody-" + user.username)
    wrong = login(client, user.username, "a wrong password!")
    assert unknown.status_code == wrong.status_code == 401
    assert (
        unknown.json()["error"]
        == wrong.json()["error"]
        == {"code": "INVALID_CREDENTIALS", "message": "Wrong username or password", "details": {}}
    )


def test_lockout_after_five_failures_then_admin_unlock(client, tenant, user):
    for _ in range(4):
        assert login(client, user.username, "a wrong password!").status_code == 401
    locking = login(client, user.username, "a wrong password!")
    assert locking.status_code == 403 and locking.json()["error"]["code"] == "ACCOUNT_LOCKED"
    still = login(client, user.username)  # the right password does not help while locked
    assert still.status_code == 403 and still.json()["error"]["code"] == "ACCOUNT_LOCKED"
    shown = client.get(f"/v1/users/{user.id}", headers={"X-API-Key": tenant.key}).json()["data"]
    assert shown["locked"] is True and shown["locked_until"]
    unlocked = client.post(f"/v1/users/{user.id}/unlock", headers={"X-API-Key": tenant.key})
    assert unlocked.status_code == 200 and unlocked.json()["data"]["locked"] is False
    assert login(client, user.username).status_code == 200
    actions = [
        e["action"]
        for e in client.get(
            f"/v1/audit?resource_id={user.id}&limit=100", headers={"X-API-Key": tenant.key}
        ).json()["data"]
    ]
    assert sorted(actions) == sorted(
        # Five wrong passwords (the fifth locks), the right one refused while locked.
        ["login.failed"] * 6 + ["account.locked", "user.unlocked", "login.succeeded"]
    )


def _answers(client, username: str) -> list[tuple[int, str, str]]:
    """Six wrong logins, then the answer shapes (status, code, message without the time)."""
    seen = []
    for _ in range(6):
        body = login(client, username, "a wrong password!").json()["error"]
        seen.append((body["code"], body["message"].split(" until ")[0]))
    return seen


def test_unknown_usernames_lock_exactly_like_real_ones(client, user, statements):
    """Lockout must not reveal which usernames exist: the same answers, the same work."""
    real = _answers(client, user.username)
    ghost = _answers(client, f"ghost-{user.username}")
    assert real == ghost
    assert [code for code, _ in real] == ["INVALID_CREDENTIALS"] * 4 + ["ACCOUNT_LOCKED"] * 2
    # The same database work for a failing attempt (one outbox event aside: an unknown name has
    # no organization to announce to).
    known_user = create_user(user.organization_id)
    statements.clear()
    login(client, known_user.username, "a wrong password!")
    known = len(statements)
    statements.clear()
    login(client, f"nobody-{known_user.username}", "a wrong password!")
    assert abs(known - len(statements)) <= 1, (known, len(statements))


def test_lockout_doubles_on_repeat(client, user, monkeypatch):
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "lockout_threshold", 2)
    durations = []
    for _ in range(2):
        for _ in range(2):
            login(client, user.username, "a wrong password!")
        with runtime.current().db.sync_transaction() as session:
            row = session.get(User, user.id)
            durations.append((row.locked_until - utcnow()).total_seconds())
            row.locked_until = None  # the lock lapses
    assert 850 < durations[0] <= 900 and 1750 < durations[1] <= 1800


def test_failures_outside_the_window_do_not_add_up(client, user, clock):
    for _ in range(4):
        assert login(client, user.username, "a wrong password!").status_code == 401
    clock.advance(runtime.current().settings.lockout_window_seconds + 1)
    for _ in range(4):
        assert login(client, user.username, "a wrong password!").status_code == 401
    # The window restarted with the first of these: one more failure inside it locks.
    locked = login(client, user.username, "a wrong password!")
    assert locked.status_code == 403 and locked.json()["error"]["code"] == "ACCOUNT_LOCKED"


def test_refresh_rotates_and_the_old_token_stops_working(client, user, monkeypatch, clock):
    monkeypatch.setattr(runtime.current().settings, "refresh_reuse_grace_seconds", 0)
    first = login(client, user.username).json()
    second = client.post("/v2/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    body = second.json()
    assert body["refresh_token"] != first["refresh_token"] and body["user"]["id"] == user.id
    reused = client.post("/v2/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401 and reused.json()["error"]["code"] == "UNAUTHORIZED"
    # Reuse revoked the family: the descendant and its access token are dead too.
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": body["refresh_token"]}).status_code
        == 401
    )
    clock.advance(1.05)  # past the credential cache's lifetime
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert client.get("/v1/users", headers=headers).status_code == 401


def test_retry_within_grace_window_gets_the_same_child(client, user):
    first = login(client, user.username).json()
    a = client.post("/v2/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    b = client.post("/v2/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    assert a["refresh_token"] == b["refresh_token"]
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": b["refresh_token"]}).status_code
        == 200
    )


def test_reuse_after_the_child_was_used_revokes_even_within_grace(client, user):
    first = login(client, user.username).json()
    child = client.post("/v2/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    grandchild = client.post(
        "/v2/auth/refresh", json={"refresh_token": child["refresh_token"]}
    ).json()
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": first["refresh_token"]}).status_code
        == 401
    )
    assert (
        client.post(
            "/v2/auth/refresh", json={"refresh_token": grandchild["refresh_token"]}
        ).status_code
        == 401
    )


def test_invalid_refresh_token_is_401(client):
    response = client.post("/v2/auth/refresh", json={"refresh_token": "rt_not-a-token"})
    assert response.status_code == 401


def test_logout_revokes_the_token_and_the_session(client, user):
    tokens = login(client, user.username).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get("/v1/users", headers=headers).status_code == 200
    assert client.post("/v2/auth/logout", headers=headers).status_code == 204
    assert client.get("/v1/users", headers=headers).status_code == 401
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code
        == 401
    )


def test_logout_needs_a_bearer_access_token(client, tenant):
    assert client.post("/v2/auth/logout").status_code == 401
    response = client.post("/v2/auth/logout", headers={"Authorization": f"Bearer {tenant.key}"})
    # Seed 000 documents INVALID_REQUEST as 400: the code keeps its documented status.
    assert response.status_code == 400 and response.json()["error"]["code"] == "INVALID_REQUEST"


def test_mfa_required_wrong_code_and_success(client, user):
    secret = pyotp.random_base32()
    with runtime.current().db.sync_transaction() as session:
        row = session.get(User, user.id)
        row.mfa_enabled, row.totp_secret_enc = True, crypto.encrypt(secret)
    required = login(client, user.username)
    assert required.status_code == 403 and required.json()["error"]["code"] == "MFA_REQUIRED"
    wrong = login(
        client,
        user.username,
        mfa_code="000000" if pyotp.TOTP(secret).now() != "000000" else "111111",
    )
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "INVALID_CREDENTIALS"
    good = login(client, user.username, mfa_code=pyotp.TOTP(secret).now())
    assert good.status_code == 200
    assert jwt.decode(good.json()["access_token"], options={"verify_signature": False})["amr"] == [
        "pwd",
        "otp",
    ]
    replay = login(client, user.username, mfa_code=pyotp.TOTP(secret).now())
    assert replay.status_code == 401  # the same code cannot be used twice


def test_seed_api_key_example(client, tenant):
    response = client.post(
        "/v2/auth/api-keys",
        headers={"X-API-Key": tenant.key},
        json={
            "name": "Production Server",
            "permissions": ["read:data", "write:data"],
            "expires_in_days": 365,
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["key_id"].startswith("key_") and body["api_key"].startswith("sk_live_")
    assert body["name"] == "Production Server" and body["permissions"] == [
        "read:data",
        "write:data",
    ]
    assert body["expires_at"].endswith("Z")
    with runtime.current().db.sync_transaction() as session:
        stored = session.get(ApiKey, body["key_id"])
        assert body["api_key"] not in repr(vars(stored))  # only the hash is kept


def test_key_cannot_exceed_its_creator(client, tenant):
    narrow, _ = create_key(tenant.organization_id, scopes=["keys:write", "read:data"])
    response = client.post(
        "/v2/auth/api-keys",
        headers={"X-API-Key": narrow},
        json={"name": "x", "permissions": ["write:data"]},
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "FORBIDDEN"


def test_auth_endpoints_are_limited_per_ip(app, user, monkeypatch):

    monkeypatch.setattr(runtime.current().limiter, "auth", parse_rate("3/minute"))
    with app.test_client(client=("198.51.100.7", 4000)) as other:
        statuses = [login(other, user.username).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_jwt_keys_rotate_by_kid(client, user, monkeypatch):
    from charter.identity.principals import key_cache

    settings = runtime.current().settings
    old_token = login(client, user.username).json()["access_token"]
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    from charter.platform import crypto

    current_kid, keys = crypto.jwt_keys()
    assert current_kid == old_kid
    monkeypatch.setattr(settings, "jwt_keys", f"a-new-signing-key-{'z' * 32},{keys[current_kid]}")
    key_cache.clear()
    headers = {"Authorization": f"Bearer {old_token}"}
    assert client.get("/v1/users", headers=headers).status_code == 200  # old kid still verifies
    new_token = login(client, user.username).json()["access_token"]
    assert jwt.get_unverified_header(new_token)["kid"] != old_kid
    monkeypatch.setattr(settings, "jwt_keys", f"a-new-signing-key-{'z' * 32}")
    key_cache.clear()
    assert client.get("/v1/users", headers=headers).status_code == 401
    assert (
        client.get("/v1/users", headers={"Authorization": f"Bearer {new_token}"}).status_code == 200
    )


V2_ERRORS = [
    ("METHOD_NOT_ALLOWED", "GET", "/v2/auth/login", None, 405),
    ("INVALID_REQUEST", "POST", "/v2/auth/login", {"username": 7, "password": "x" * 12}, 400),
    ("UNAUTHORIZED", "POST", "/v2/auth/api-keys", {"name": "x", "permissions": ["read:data"]}, 401),
    ("NOT_FOUND", "GET", "/v2/nothing-here", None, 404),
]


@pytest.mark.parametrize("code,method,path,body,status", V2_ERRORS, ids=[e[0] for e in V2_ERRORS])
def test_v2_error_codes_are_reachable(client, code, method, path, body, status):
    response = client.request(method, path, json=body)
    assert response.status_code == status and response.json()["error"]["code"] == code


def test_v2_conflict_and_payload_too_large(client, tenant, settings):
    from charter.http import idempotency

    key = "v2-in-flight"
    body = b'{"name": "x", "permissions": ["read:data"]}'
    fingerprint = idempotency.request_fingerprint("POST", "/v2/auth/api-keys", b"", body)
    asyncio.run(idempotency.claim(f"api_key:{tenant.key_id}", key, fingerprint, 60))
    headers = {"X-API-Key": tenant.key, "Idempotency-Key": key, "Content-Type": "application/json"}
    conflict = client.post("/v2/auth/api-keys", content=body, headers=headers)
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "CONFLICT"
    big = client.post(
        "/v2/auth/login",
        content=b"x" * (settings.max_body_bytes + 1),
        headers={"Content-Type": "application/json"},
    )
    assert big.status_code == 413 and big.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_no_secrets_in_logs(client, tenant, user, caplog):
    import logging

    with caplog.at_level(logging.INFO):
        tokens = login(client, user.username).json()
        created = client.post(
            "/v2/auth/api-keys",
            headers={"X-API-Key": tenant.key},
            json={"name": "log", "permissions": ["read:data"]},
        ).json()
        client.get("/v1/organizations", headers={"X-API-Key": created["api_key"]})
        client.post("/v2/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        login(client, user.username, "a wrong password!")
    logged = " ".join(f"{r.getMessage()} {getattr(r, 'fields', '')}" for r in caplog.records)
    assert "charter.access" in {r.name for r in caplog.records}  # the access log was captured
    for secret in (
        PASSWORD,
        "a wrong password!",
        tokens["access_token"],
        tokens["refresh_token"],
        created["api_key"],
        tenant.key,
    ):
        assert secret not in logged


def test_ingestion_login_in_its_envelope(client, user):
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and body["data"]["token_type"] == "Bearer"
    assert body["request_id"] == response.headers["x-request-id"]
    headers = {"Authorization": f"Bearer {body['data']['access_token']}"}
    assert client.get("/v1/users", headers=headers).status_code == 200
    wrong = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": "password"}
    )
    assert wrong.status_code == 401
    assert (
        wrong.json()["success"] is False and wrong.json()["error"]["code"] == "AUTHENTICATION_ERROR"
    )
