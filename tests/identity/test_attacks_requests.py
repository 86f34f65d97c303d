"""Attacks on idempotency, lockout without enumeration, key lists and v2 statuses.
Each test asserts the secure behaviour: a failure is a defect found."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from sqlalchemy import func, select

from charter.platform import runtime
from storage.models import IdempotencyRecord, LoginThrottle
from tests.db import list_audit_events, transaction
from tests.factories import PASSWORD, create_key, create_user
from tests.identity import calls


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


# --- 4. Idempotency -----------------------------------------------------------------------------


def test_no_replay_key_creation_refuses_repeat_without_secret(client, tenant):
    headers = {**calls.key(tenant.key), "Idempotency-Key": uuid.uuid4().hex}
    body = {"name": "once", "scopes": ["read:data"]}
    first = client.post("/v1/keys", headers=headers, json=body)
    assert first.status_code == 201
    again = client.post("/v1/keys", headers=headers, json=body)
    assert again.status_code == 409
    assert first.json()["data"]["secret"] not in again.text
    scope = f"api_key:{tenant.key_id}"
    with transaction() as session:
        record = session.get(IdempotencyRecord, (scope, headers["Idempotency-Key"]))
        assert record.response_body is None
    v2 = {**headers, "Idempotency-Key": uuid.uuid4().hex}
    body2 = {"name": "once", "permissions": ["read:data"]}
    assert client.post("/v2/auth/api-keys", headers=v2, json=body2).status_code == 201
    again2 = client.post("/v2/auth/api-keys", headers=v2, json=body2)
    assert again2.status_code == 409 and again2.json()["error"]["code"] == "CONFLICT"


def test_stored_replays_are_encrypted(client, superuser):
    headers = {**calls.key(superuser.key), "Idempotency-Key": uuid.uuid4().hex}
    name = f"Enc {uuid.uuid4().hex[:8]}"
    assert client.post("/v1/organizations", headers=headers, json={"name": name}).status_code == 201
    with transaction() as session:
        record = session.get(
            IdempotencyRecord, (f"api_key:{superuser.key_id}", headers["Idempotency-Key"])
        )
        assert name.encode() not in bytes(record.response_body)


def test_idempotency_fingerprint_does_not_expose_passwords_to_offline_guessing(client, tenant):
    """The stored request hash of a body carrying a password must not be a plain SHA-256 that
    a database reader can test password guesses against (argon2 protects the user row)."""
    from charter.http.idempotency import request_fingerprint

    body = calls.new_user_body()
    raw = (
        f'{{"username": "{body["username"]}", "email": "{body["email"]}", '
        f'"password": "{body["password"]}"}}'
    ).encode()
    key = uuid.uuid4().hex
    headers = {**calls.key(tenant.key), "Idempotency-Key": key, "Content-Type": "application/json"}
    response = client.post("/v1/users", headers=headers, content=raw)
    assert response.status_code == 201, response.text
    with transaction() as session:
        record = session.get(IdempotencyRecord, (f"api_key:{tenant.key_id}", key))
    bare = hashlib.sha256()  # what an attacker could compute offline for a guessed password
    for part in (b"POST", b"/v1/users", b"", raw):
        bare.update(len(part).to_bytes(8, "big"))
        bare.update(part)
    assert record.request_hash == request_fingerprint("POST", "/v1/users", b"", raw)
    assert record.request_hash != bare.hexdigest(), "unkeyed SHA-256 of a body with the password"


def test_idempotency_keys_are_per_caller(client, tenant, admin):
    key = uuid.uuid4().hex
    body = {"name": "shared", "scopes": ["read:data"]}
    a = client.post(
        "/v1/keys", headers={**calls.key(tenant.key), "Idempotency-Key": key}, json=body
    )
    b = client.post("/v1/keys", headers={**calls.key(admin.key), "Idempotency-Key": key}, json=body)
    assert a.status_code == 201 and b.status_code == 201
    assert a.json()["data"]["id"] != b.json()["data"]["id"]


def test_expired_lease_lets_a_retry_run_and_a_different_body_is_refused_meanwhile(
    client, tenant, clock
):
    """A claim left by a crash: the same key with another body is 422 while the lease holds,
    and runs once the lease (timeout + 60 s) ran out."""
    from datetime import timedelta

    from charter.platform.clock import utcnow

    scope, key = f"api_key:{tenant.key_id}", uuid.uuid4().hex
    with transaction() as session:
        now = utcnow()
        session.add(
            IdempotencyRecord(
                principal=scope,
                key=key,
                request_hash="crashed",
                state="in_flight",
                created_at=now,
                expires_at=now + timedelta(seconds=90),
            )
        )
    headers = {**calls.key(tenant.key), "Idempotency-Key": key}
    body = {"name": "after crash", "scopes": ["read:data"]}
    assert client.post("/v1/keys", headers=headers, json=body).status_code == 422
    clock.advance(91)
    assert client.post("/v1/keys", headers=headers, json=body).status_code == 201


# --- 5. Lockout without enumeration -------------------------------------------------------------


def _answers(client, username: str, attempts: int = 6) -> list[tuple]:
    out = []
    for _ in range(attempts):
        r = calls.login(client, username, "wrong password 123!")
        headers = {
            k.lower(): v
            for k, v in r.headers.items()
            if k.lower() not in ("x-request-id", "date", "content-length")
            and not k.lower().startswith(("ratelimit", "x-ratelimit"))
        }
        body = r.json()
        body.pop("request_id", None)
        message = body["error"]["message"]
        if "locked until" in message:
            body["error"]["message"] = message.split("locked until")[0]
        out.append((r.status_code, body, headers))
    return out


def test_unknown_disabled_and_real_usernames_answer_alike(client, tenant):
    real = create_user(tenant.organization_id)
    disabled = create_user(tenant.organization_id)
    client.patch(
        f"/v1/users/{disabled.id}", headers=calls.key(tenant.key), json={"status": "disabled"}
    )
    unknown = f"nobody{uuid.uuid4().hex[:8]}"
    a, b, c = (_answers(client, n) for n in (real.username, disabled.username, unknown))
    assert a == b == c
    codes = [x[1]["error"]["code"] for x in a]
    assert codes == ["INVALID_CREDENTIALS"] * 4 + ["ACCOUNT_LOCKED"] * 2


def test_disabled_user_with_the_right_password_answers_like_a_wrong_one(client, tenant):
    disabled = create_user(tenant.organization_id)
    client.patch(
        f"/v1/users/{disabled.id}", headers=calls.key(tenant.key), json={"status": "disabled"}
    )
    unknown = f"nobody{uuid.uuid4().hex[:8]}"
    right = calls.login(client, disabled.username)
    wrong = calls.login(client, unknown, PASSWORD)
    assert right.status_code == wrong.status_code == 401
    assert right.json()["error"] == wrong.json()["error"]


def _statements(client, username: str) -> list[str]:
    db = runtime.current().db
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()[:4]))

    db.listen("before_cursor_execute", record)
    try:
        calls.login(client, username, "wrong password 123!")
    finally:
        db.unlisten("before_cursor_execute", record)
    return seen


def test_unknown_and_real_usernames_cost_the_same_statements(client, tenant):
    real = create_user(tenant.organization_id)
    unknown = f"nobody{uuid.uuid4().hex[:8]}"
    _statements(client, real.username)  # warm both paths once
    _statements(client, unknown)
    real_work = _statements(client, real.username)
    unknown_work = _statements(client, unknown)
    assert len(real_work) == len(unknown_work), (real_work, unknown_work)


def test_failed_logins_of_unknown_names_stay_out_of_tenant_audit(client, tenant):
    unknown = f"nobody{uuid.uuid4().hex[:8]}"
    calls.login(client, unknown, "wrong password 123!")
    events = client.get("/v1/audit?action=login.failed&limit=100", headers=calls.key(tenant.key))
    assert events.status_code == 200, events.text
    assert unknown not in events.text


def test_throttle_rows_grow_one_per_unknown_name(client):
    """Noted, not a fix request: each new unknown username costs one row."""
    with transaction() as session:
        before = session.scalar(select(func.count()).select_from(LoginThrottle))
    for _ in range(5):
        calls.login(client, f"spray{uuid.uuid4().hex[:10]}", "wrong password 123!")
    with transaction() as session:
        after = session.scalar(select(func.count()).select_from(LoginThrottle))
    assert after - before == 5


def test_stored_throttle_subject_is_not_the_username(client):
    name = f"typo{uuid.uuid4().hex[:8]}"
    calls.login(client, name, "wrong password 123!")
    with transaction() as session:
        subjects = session.scalars(select(LoginThrottle.subject)).all()
    assert all(name not in s for s in subjects)
    assert all(s != hashlib.sha256(f"login:{name}".encode()).hexdigest() for s in subjects)


# --- 6. Key deletion, replacement, lists --------------------------------------------------------


def _make_keys(client, tenant, names):
    ids = []
    for name in names:
        r = client.post(
            "/v1/keys", headers=calls.key(tenant.key), json={"name": name, "scopes": ["read:data"]}
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["data"]["id"])
    return ids


def test_deleted_key_is_gone_and_audited(client, tenant):
    (key_id,) = _make_keys(client, tenant, ["doomed"])
    assert client.delete(f"/v1/keys/{key_id}", headers=calls.key(tenant.key)).status_code == 204
    for call in (
        client.get(f"/v1/keys/{key_id}", headers=calls.key(tenant.key)),
        client.delete(f"/v1/keys/{key_id}", headers=calls.key(tenant.key)),
        client.put(
            f"/v1/keys/{key_id}",
            headers=calls.key(tenant.key),
            json={"name": "x", "scopes": ["read:data"]},
        ),
        client.post(f"/v1/keys/{key_id}/roll", headers=calls.key(tenant.key), json={}),
    ):
        assert call.status_code == 404
    with transaction() as session:
        events = list_audit_events(session, organization_id=tenant.organization_id)
    assert any(e.action == "api_key.revoked" and e.resource_id == key_id for e in events)


def test_put_key_replaces_ip_ranges_and_keeps_scopes_within_the_caller(client, tenant):
    (key_id,) = _make_keys(client, tenant, ["replace"])
    weak, _ = create_key(tenant.organization_id, scopes=["read:data"])
    body = {"name": "r", "scopes": ["admin"]}
    assert client.put(f"/v1/keys/{key_id}", headers=calls.key(weak), json=body).status_code == 403
    patched = client.patch(
        f"/v1/keys/{key_id}", headers=calls.key(tenant.key), json={"ip_ranges": ["10.0.0.0/8"]}
    )
    assert patched.status_code == 200
    put = client.put(
        f"/v1/keys/{key_id}",
        headers=calls.key(tenant.key),
        json={"name": "r", "scopes": ["read:data"]},
    )
    assert put.status_code == 200 and put.json()["data"]["ip_ranges"] == []


@pytest.mark.parametrize("needle", ["%", "_", "\\", "' OR 1=1 --", "a%b"])
def test_name_filter_is_literal(client, make_tenant, needle):
    tenant = make_tenant(scopes=["admin"])
    _make_keys(client, tenant, ["plain", "a%b-key", "_under", "back\\slash", "x"])
    page = client.get("/v1/keys", headers=calls.key(tenant.key), params={"name": needle}).json()
    names = sorted(k["name"] for k in page["data"])
    assert all(n.lower().startswith(needle.lower()) for n in names), names
    assert page["total"] == len(names)


@pytest.mark.parametrize("sort", ["last_used_at", "expires_at", "name", "created_at"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sorted_pages_cover_every_key_once(client, make_tenant, sort, order):
    tenant = make_tenant(scopes=["admin"])
    ids = _make_keys(client, tenant, ["k"] * 7)
    ids.append(tenant.key_id)
    seen = []
    for offset in range(0, 8, 3):
        page = client.get(
            "/v1/keys",
            headers=calls.key(tenant.key),
            params={"sort": sort, "order": order, "limit": 3, "offset": offset},
        ).json()
        seen += [k["id"] for k in page["data"]]
        assert page["has_more"] == (offset + len(page["data"]) < page["total"])
    assert sorted(seen) == sorted(ids)
    if sort in ("last_used_at", "expires_at"):
        full = client.get(
            "/v1/keys", headers=calls.key(tenant.key), params={"sort": sort, "order": order}
        ).json()["data"]
        values = [k[sort] for k in full]
        nulls = [v is None for v in values]
        assert nulls == sorted(nulls), values  # empty values last


def test_sandbox_key_list_filters(client, make_tenant):
    tenant = make_tenant(scopes=["admin"])
    sandbox, sandbox_id = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    for params in ({}, {"mode": "live"}, {"mode": "test"}, {"status": "active"}):
        page = client.get("/v1/keys", headers=calls.key(sandbox), params=params).json()
        assert all(k["mode"] == "test" for k in page["data"]), params
    live = client.get("/v1/keys", headers=calls.key(tenant.key), params={"mode": "live"}).json()
    assert sandbox_id not in [k["id"] for k in live["data"]]


def test_status_filter_puts_a_rolled_key_past_grace_under_revoked(client, make_tenant, clock):
    tenant = make_tenant(scopes=["admin"])
    (key_id,) = _make_keys(client, tenant, ["rolled"])
    r = client.post(
        f"/v1/keys/{key_id}/roll", headers=calls.key(tenant.key), json={"grace_seconds": 60}
    )
    assert r.status_code in (200, 201), r.text
    clock.advance(120)
    page = client.get(
        "/v1/keys", headers=calls.key(tenant.key), params={"status": "revoked"}
    ).json()
    assert key_id in [k["id"] for k in page["data"]]


# --- 7. v2 INVALID_REQUEST is always 400 --------------------------------------------------------


def test_v2_invalid_request_is_always_400(client, tenant):
    headers = calls.key(tenant.key)
    cases = [
        client.post("/v2/auth/login", content=b"x", headers={"Content-Type": "text/plain"}),
        client.post("/v2/auth/login", json={"username": "a"}),
        client.post(
            "/v2/auth/api-keys",
            headers={**headers, "Idempotency-Key": "x" * 300},
            json={"name": "x", "permissions": ["read:data"]},
        ),
        client.post(
            "/v2/auth/api-keys", headers=headers, json={"name": "x", "permissions": ["nope:x"]}
        ),
        client.post(
            "/v2/auth/login",
            json={"username": "abc", "password": PASSWORD},
            headers={"Accept": "text/csv"},
        ),
        client.get("/v2/health", headers={"Accept": "application/xml"}),
        client.get("/v2/health?" + "a" * 9000),
    ]
    key = uuid.uuid4().hex
    body = {"name": "x", "permissions": ["read:data"]}
    client.post("/v2/auth/api-keys", headers={**headers, "Idempotency-Key": key}, json=body)
    cases.append(
        client.post(
            "/v2/auth/api-keys",
            headers={**headers, "Idempotency-Key": key},
            json={**body, "name": "y"},
        )
    )
    for response in cases:
        code = response.json().get("error", {}).get("code") if response.content else None
        if code == "INVALID_REQUEST":
            assert response.status_code == 400, response.text
        problem = client.post(
            "/v2/auth/login", json={"username": "a"}, headers={"Accept": "application/problem+json"}
        )
        assert problem.status_code == 400 and problem.json()["status"] == 400


def test_sandbox_operator_credential_creates_no_live_organization(client, superuser):
    """Defence in depth: an operator's sk_test_ credential must not create live tenants."""
    sandbox, _ = create_key(
        superuser.organization_id, scopes=["admin"], superuser=True, livemode=False
    )
    body = {"name": f"Sbx {uuid.uuid4().hex[:6]}", "admin": calls.new_user_body()}
    response = client.post("/v1/organizations", headers=calls.key(sandbox), json=body)
    assert response.status_code == 403, response.text


def test_a_stolen_access_token_cannot_outlive_a_password_reset_through_a_personal_key(
    client, tenant
):
    """A password reset revokes the user's sessions to shut an intruder out; a key that the
    intruder minted with a stolen access token must not keep them in (design question)."""
    dave = create_user(tenant.organization_id, roles=["editor"])
    stolen = calls.bearer(client, dave.username)
    minted = calls.personal_key(client, stolen, ["read:data"])
    reset = client.patch(
        f"/v1/users/{dave.id}",
        headers=calls.key(tenant.key),
        json={"password": "a brand new password 456"},
    )
    assert reset.status_code == 200, reset.text
    assert client.get("/v1/organizations", headers=stolen).status_code == 401
    assert client.get("/v1/organizations", headers=calls.key(minted["api_key"])).status_code == 401
