"""The token endpoint's client_credentials and refresh_token grants, client authentication,
revocation, introspection, OAuth tokens on the API surfaces, key rotation and forged tokens:
one scenario per RFC error."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest

from charter.platform import runtime
from charter.platform.ratelimit import parse_rate
from tests.factories import PASSWORD, create_key, create_user
from tests.oauth.helpers import (
    authorize_url,
    basic,
    form_fields,
    pkce_pair,
    register,
    service_client,
    sign_in_and_allow,
)


def _token(client, reg, **form):
    data = {"grant_type": "client_credentials", **form}
    return client.post(
        "/oauth/token", data=data, headers=basic(reg["client_id"], reg["client_secret"])
    )


@pytest.fixture
def service(client, admin):
    return service_client(client, admin.key, scopes=("users:read", "keys:read"))


ERROR_SCENARIOS = [
    # name, form, auth (basic | post | wrong | none), status, error
    ("missing grant_type", {}, "basic", 400, "invalid_request"),
    ("unknown grant_type", {"grant_type": "password"}, "basic", 400, "unsupported_grant_type"),
    ("implicit is not a grant", {"grant_type": "token"}, "basic", 400, "unsupported_grant_type"),
    ("wrong secret", {"grant_type": "client_credentials"}, "wrong", 401, "invalid_client"),
    ("no client auth", {"grant_type": "client_credentials"}, "none", 401, "invalid_client"),
    (
        "scope beyond allowance",
        {"grant_type": "client_credentials", "scope": "admin"},
        "basic",
        400,
        "invalid_scope",
    ),
    (
        "code grant not allowed",
        {"grant_type": "authorization_code", "code": "x"},
        "basic",
        400,
        "unauthorized_client",
    ),
    (
        "foreign resource",
        {"grant_type": "client_credentials", "resource": "https://evil.test"},
        "basic",
        400,
        "invalid_target",
    ),
    (
        "both basic and post",
        {"grant_type": "client_credentials", "client_secret": "x"},
        "basic",
        400,
        "invalid_request",
    ),
]


@pytest.mark.parametrize(
    ("name", "form", "auth", "status", "error"),
    ERROR_SCENARIOS,
    ids=[s[0] for s in ERROR_SCENARIOS],
)
def test_token_errors(client, service, name, form, auth, status, error):
    headers = {}
    if auth == "basic":
        headers = basic(service["client_id"], service["client_secret"])
    elif auth == "wrong":
        headers = basic(service["client_id"], "cs_wrong")
    answer = client.post("/oauth/token", data=form, headers=headers)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["error"] == error and body["error_description"]
    assert set(body) == {"error", "error_description"}
    assert answer.headers["cache-control"] == "no-store"
    if auth == "wrong":
        assert answer.headers["www-authenticate"].startswith("Basic")


def test_client_credentials_basic_and_post_and_the_token_on_the_api(client, admin, service):
    by_basic = _token(client, service, scope="users:read", unknown_parameter="ignored")
    assert by_basic.status_code == 200, by_basic.text
    body = by_basic.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}  # no refresh
    assert body["scope"] == "users:read" and by_basic.headers["pragma"] == "no-cache"
    by_post = client.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": service["client_id"],
            "client_secret": service["client_secret"],
        },
    )
    assert by_post.status_code == 200 and by_post.json()["scope"] == "keys:read users:read"
    bearer = {"Authorization": f"Bearer {body['access_token']}"}
    # The organization's users (found by name: the shared tenant has more than a page of them).
    other = create_user(admin.organization_id)
    users = client.get(f"/v1/users?username={other.username}", headers=bearer)
    assert users.status_code == 200
    assert [u["id"] for u in users.json()["data"]] == [other.id]
    assert client.get("/v1/keys", headers=bearer).status_code == 403  # admin not granted
    assert client.get(f"/v1/users/{admin.user_id}", headers=bearer).status_code == 200


def test_tokens_keep_their_organization(client, admin, make_tenant, service):
    stranger = make_tenant(plan="enterprise", scopes=["admin"])
    bearer = {"Authorization": f"Bearer {_token(client, service).json()['access_token']}"}
    answer = client.get(f"/v1/users/{stranger.user_id}", headers=bearer)
    assert answer.status_code == 404


def test_public_and_code_only_clients_cannot_use_client_credentials(client, admin):
    public = register(
        client, admin.key, client_type="public", redirect_uris=["https://app.example.com/cb"]
    )
    answer = client.post(
        "/oauth/token", data={"grant_type": "client_credentials", "client_id": public["client_id"]}
    )
    assert answer.status_code == 400 and answer.json()["error"] == "unauthorized_client"
    code_only = register(client, admin.key, redirect_uris=["https://app.example.com/cb"])
    answer = _token(client, code_only)
    assert answer.status_code == 400 and answer.json()["error"] == "unauthorized_client"


def test_revocation_and_introspection(client, admin, make_tenant, service):
    token = _token(client, service).json()["access_token"]
    auth = basic(service["client_id"], service["client_secret"])
    active = client.post("/oauth/introspect", data={"token": token}, headers=auth)
    assert active.status_code == 200 and active.json()["active"] is True
    assert active.json()["client_id"] == service["client_id"]
    assert active.headers["cache-control"] == "no-store"
    # A client of another organization learns nothing.
    stranger = make_tenant(plan="enterprise", scopes=["admin"])
    foreign = service_client(client, stranger.key)
    answer = client.post(
        "/oauth/introspect",
        data={"token": token},
        headers=basic(foreign["client_id"], foreign["client_secret"]),
    )
    assert answer.json() == {"active": False}
    # Another client cannot revoke it; its owner can.
    client.post(
        "/oauth/revoke",
        data={"token": token},
        headers=basic(foreign["client_id"], foreign["client_secret"]),
    )
    assert client.post("/oauth/introspect", data={"token": token}, headers=auth).json()["active"]
    revoked = client.post("/oauth/revoke", data={"token": token}, headers=auth)
    assert revoked.status_code == 200 and revoked.json() == {}
    assert client.post("/oauth/introspect", data={"token": token}, headers=auth).json() == {
        "active": False
    }
    assert client.get("/v1/users", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    for garbage in ("not-a-token", "ort_unknown", token + "x"):
        assert (
            client.post("/oauth/revoke", data={"token": garbage}, headers=auth).status_code == 200
        )
        assert client.post("/oauth/introspect", data={"token": garbage}, headers=auth).json() == {
            "active": False
        }
    unauthenticated = client.post("/oauth/introspect", data={"token": token})
    assert (
        unauthenticated.status_code == 401 and unauthenticated.json()["error"] == "invalid_client"
    )


def _user_tokens(client, admin, scopes=("openid", "users:read")):
    reg = register(
        client, admin.key, redirect_uris=["https://app.example.com/cb"], scopes=list(scopes)
    )
    person = create_user(admin.organization_id)
    verifier, challenge = pkce_pair()
    url = authorize_url(
        reg["client_id"], "https://app.example.com/cb", challenge, scope=" ".join(scopes)
    )
    location = sign_in_and_allow(client, url, person.username, PASSWORD)
    code = location.split("code=")[1].split("&")[0]
    answer = client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": "https://app.example.com/cb",
        },
        headers=basic(reg["client_id"], reg["client_secret"]),
    )
    assert answer.status_code == 200, answer.text
    return reg, person, answer.json()


def test_refresh_rotates_and_reuse_revokes_the_grant(client, admin):
    reg, _, tokens = _user_tokens(client, admin)
    auth = basic(reg["client_id"], reg["client_secret"])
    first = client.post(
        "/oauth/refresh", data={"refresh_token": tokens["refresh_token"]}, headers=auth
    )
    assert first.status_code == 200, first.text
    rotated = first.json()
    assert rotated["refresh_token"] != tokens["refresh_token"]
    assert first.headers["cache-control"] == "no-store"
    narrower = client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": rotated["refresh_token"],
            "scope": "users:read",
        },
        headers=auth,
    )
    assert narrower.status_code == 200 and narrower.json()["scope"] == "users:read"
    latest = narrower.json()
    reuse = client.post(
        "/oauth/refresh", data={"refresh_token": tokens["refresh_token"]}, headers=auth
    )
    assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant"
    # The whole grant is revoked: the newest refresh and access tokens too.
    after = client.post(
        "/oauth/refresh", data={"refresh_token": latest["refresh_token"]}, headers=auth
    )
    assert after.json()["error"] == "invalid_grant"
    bearer = {"Authorization": f"Bearer {latest['access_token']}"}
    assert client.get("/oauth/userinfo", headers=bearer).status_code == 401


def test_refresh_errors(client, admin):
    reg, _, tokens = _user_tokens(client, admin)
    auth = basic(reg["client_id"], reg["client_secret"])
    wider = client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": tokens["refresh_token"],
            "scope": "openid admin",
        },
        headers=auth,
    )
    assert wider.status_code == 400 and wider.json()["error"] == "invalid_scope"
    other = register(client, admin.key, redirect_uris=["https://app.example.com/cb"])
    stolen = client.post(
        "/oauth/refresh",
        data={"refresh_token": tokens["refresh_token"]},
        headers=basic(other["client_id"], other["client_secret"]),
    )
    assert stolen.json()["error"] == "invalid_grant"
    missing = client.post("/oauth/refresh", data={}, headers=auth)
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_user_tokens_are_bounded_by_the_users_role(client, admin):
    reg, person, tokens = _user_tokens(client, admin, scopes=("openid", "users:read", "admin"))
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    # The client may ask for admin, but the user (role `user`) does not hold it.
    assert client.get("/v1/keys", headers=bearer).status_code == 403
    assert client.get(f"/v1/users/{person.id}", headers=bearer).status_code == 200


def test_granted_scopes_are_cut_to_what_the_user_holds(client, admin):
    reg, person, tokens = _user_tokens(client, admin, scopes=("openid", "users:read", "admin"))
    # Not in the response, the RFC 9068 claim, introspection, a refresh, nor the grant.
    assert tokens["scope"] == "openid users:read"
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert claims["scope"] == "openid users:read"
    auth = basic(reg["client_id"], reg["client_secret"])
    seen = client.post("/oauth/introspect", data={"token": tokens["access_token"]}, headers=auth)
    assert seen.json()["scope"] == "openid users:read"
    refreshed = client.post(
        "/oauth/refresh", data={"refresh_token": tokens["refresh_token"]}, headers=auth
    ).json()
    assert refreshed["scope"] == "openid users:read"
    claims = jwt.decode(refreshed["access_token"], options={"verify_signature": False})
    assert claims["scope"] == "openid users:read"
    login = client.post(
        "/v2/auth/login", json={"username": person.username, "password": PASSWORD}
    ).json()
    listed = client.get(
        "/v1/oauth/grants", headers={"Authorization": f"Bearer {login['access_token']}"}
    ).json()
    assert listed["data"][0]["scopes"] == ["openid", "users:read"]


def test_the_consent_page_shows_only_scopes_the_user_holds(client, admin):
    reg = register(
        client,
        admin.key,
        redirect_uris=["https://app.example.com/cb"],
        scopes=["openid", "users:read", "admin"],
    )
    person = create_user(admin.organization_id)
    _, challenge = pkce_pair()
    url = authorize_url(
        reg["client_id"], "https://app.example.com/cb", challenge, scope="openid users:read admin"
    )
    page = client.get(url)
    fields = {**form_fields(page.text), "action": "login", "username": person.username}
    page = client.post(url, data={**fields, "password": PASSWORD}, follow_redirects=False)
    consent = client.get(page.headers["location"])
    assert "<code>users:read</code>" in consent.text
    assert "<code>admin</code>" not in consent.text


def test_userinfo_refuses_other_credentials(client, admin, service):
    token = _token(client, service).json()["access_token"]
    for headers in ({"Authorization": f"Bearer {token}"}, {"Authorization": f"Bearer {admin.key}"}):
        answer = client.get("/oauth/userinfo", headers=headers)
        assert answer.status_code == 401 and answer.json()["error"] == "invalid_token"
    missing = client.get("/oauth/userinfo")
    assert missing.status_code == 401 and missing.json()["error"] == "invalid_token"
    assert missing.headers["www-authenticate"].startswith("Bearer")


def test_key_rotation_keeps_old_tokens_valid_and_publishes_both(client, service):
    from charter.oauth import keys
    from tests.oauth.helpers import run

    old = _token(client, service).json()["access_token"]
    old_kid = jwt.get_unverified_header(old)["kid"]
    new_kid = run(keys.rotate())
    new = _token(client, service).json()["access_token"]
    assert jwt.get_unverified_header(new)["kid"] == new_kid != old_kid
    published = {k["kid"] for k in client.get("/oauth/jwks.json").json()["keys"]}
    assert {old_kid, new_kid} <= published
    for token in (old, new):
        assert (
            client.get("/v1/users", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        )


def _b64(data) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_forged_tokens_are_refused(client, service):
    genuine = _token(client, service).json()["access_token"]
    header = jwt.get_unverified_header(genuine)
    claims = jwt.decode(genuine, options={"verify_signature": False})
    forged = [
        # alg none, with Charter's kid
        f"{_b64({**header, 'alg': 'none'})}.{_b64(claims)}.",
        # HS256 keyed with the public key's modulus text (algorithm confusion)
        jwt.encode(
            claims, "secret", algorithm="HS256", headers={"kid": header["kid"], "typ": "at+jwt"}
        ),
        # a kid that is not Charter's
        jwt.encode(
            claims, "secret", algorithm="HS256", headers={"kid": "attacker", "typ": "at+jwt"}
        ),
        # claims changed under the original signature
        f"{genuine.split('.')[0]}.{_b64({**claims, 'scope': 'admin'})}.{genuine.split('.')[2]}",
        # expired
        jwt.encode(
            {**claims, "exp": int(time.time()) - 60},
            "x",
            algorithm="HS256",
            headers={"kid": header["kid"], "typ": "at+jwt"},
        ),
    ]
    for token in forged:
        answer = client.get("/v1/users", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401, token


def test_token_endpoint_rate_class_is_per_client(client, admin, service, monkeypatch):
    limiter = runtime.current().limiter
    monkeypatch.setattr(limiter, "oauth_token", parse_rate("2/hour"))
    other = service_client(client, admin.key)
    answers = [_token(client, service).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    limited = _token(client, service)
    assert limited.json()["error"] == "slow_down" and "retry-after" in limited.headers
    assert _token(client, other).status_code == 200  # another client has its own allowance
    # Failed authentication never spends a client's allowance.
    fresh = service_client(client, admin.key)
    for _ in range(3):
        client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            headers=basic(fresh["client_id"], "cs_wrong"),
        )
    assert _token(client, fresh).status_code == 200


def test_garbage_refreshes_spend_a_public_clients_allowance_per_address_only(
    client, admin, monkeypatch
):
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "trusted_proxies", "127.0.0.1/32")
    limiter = runtime.current().limiter
    monkeypatch.setattr(limiter, "oauth_token", parse_rate("2/hour"))
    public = register(
        client,
        admin.key,
        client_type="public",
        redirect_uris=["https://app.example.com/cb"],
        grant_types=["authorization_code", "refresh_token"],
    )

    def garbage(address):
        return client.post(
            "/oauth/token",
            data={
                "grant_type": "refresh_token",
                "client_id": public["client_id"],
                "refresh_token": "ort_garbage",
            },
            headers={"X-Forwarded-For": address},
        )

    answers = [garbage("203.0.113.7").status_code for _ in range(3)]
    assert answers == [400, 400, 429]
    assert garbage("203.0.113.7").json()["error"] == "slow_down"
    # Another address (the application's real users) keeps its own allowance.
    other = garbage("198.51.100.4")
    assert other.status_code == 400 and other.json()["error"] == "invalid_grant"


def test_deleting_a_client_stops_its_tokens(client, admin, service):
    token = _token(client, service).json()["access_token"]
    headers = {"X-API-Key": admin.key}
    assert (
        client.delete(f"/v1/oauth/clients/{service['client_id']}", headers=headers).status_code
        == 204
    )
    assert client.get("/v1/users", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_sandbox_keys_manage_sandbox_clients_only(client, admin, service):
    key, _ = create_key(admin.organization_id, scopes=["admin"], livemode=False)
    answer = client.get(f"/v1/oauth/clients/{service['client_id']}", headers={"X-API-Key": key})
    assert answer.status_code == 404


def test_rotate_oauth_key_command_and_reencryption(client, service, settings):
    import subprocess
    import sys

    from tests.conftest import ROOT, server_env

    before = {k["kid"] for k in client.get("/oauth/jwks.json").json()["keys"]}
    out = subprocess.run(
        [sys.executable, "-m", "charter.cli", "rotate-oauth-key"],
        env=server_env(settings),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    kid = json.loads(out.stdout)["kid"]
    from charter.oauth import keys

    keys.forget()  # the command ran in another process; this one reloads within a minute
    published = {k["kid"] for k in client.get("/oauth/jwks.json").json()["keys"]}
    assert published == before | {kid}
    token = _token(client, service).json()["access_token"]
    assert jwt.get_unverified_header(token)["kid"] == kid
    assert keys.reencrypt_private_keys() >= 2
    keys.forget()
    assert _token(client, service).status_code == 200


def test_public_clients_cannot_introspect(client, admin, service):
    token = _token(client, service).json()["access_token"]
    public = register(
        client, admin.key, client_type="public", redirect_uris=["https://app.example.com/cb"]
    )
    answer = client.post(
        "/oauth/introspect", data={"token": token, "client_id": public["client_id"]}
    )
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"


def test_maintenance_removes_ended_issuances(client, service, clock):
    import asyncio

    from charter.worker import maintenance

    _token(client, service)
    asyncio.run(maintenance.run_once())
    clock.advance(runtime.current().settings.oauth_access_token_seconds + 86400 + 5)
    assert asyncio.run(maintenance.run_once())["oauth_grants_and_codes_removed"] >= 1


def test_changes_made_with_an_oauth_token_are_audited_as_its_client(client, admin):
    reg = service_client(client, admin.key, scopes=("admin",))
    token = _token(client, reg).json()["access_token"]
    body = {"username": "made.by.oauth", "email": "made.by.oauth@example.com", "password": PASSWORD}
    created = client.post("/v1/users", json=body, headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201, created.text
    events = client.get(
        f"/v1/audit?resource_id={created.json()['data']['id']}", headers={"X-API-Key": admin.key}
    ).json()["data"]
    assert events and events[0]["actor"] == {"type": "oauth", "id": reg["client_id"]}


def test_a_retried_refresh_within_the_grace_window_gets_the_same_child(client, admin, clock):
    reg, _, tokens = _user_tokens(client, admin)
    auth = basic(reg["client_id"], reg["client_secret"])
    form = {"refresh_token": tokens["refresh_token"]}
    first = client.post("/oauth/refresh", data=form, headers=auth).json()
    retried = client.post("/oauth/refresh", data=form, headers=auth)
    assert retried.status_code == 200, retried.text
    assert retried.json()["refresh_token"] == first["refresh_token"]
    grace = runtime.current().settings.refresh_reuse_grace_seconds
    clock.advance(grace + 1)
    late = client.post("/oauth/refresh", data=form, headers=auth)
    assert late.status_code == 400 and late.json()["error"] == "invalid_grant"
    after = client.post(
        "/oauth/refresh", data={"refresh_token": first["refresh_token"]}, headers=auth
    )
    assert after.json()["error"] == "invalid_grant"  # the whole grant went with it


def test_a_retired_key_leaves_the_set_after_its_window(client, service, clock):
    from charter.oauth import keys
    from tests.oauth.helpers import run

    old = _token(client, service).json()["access_token"]
    old_kid = jwt.get_unverified_header(old)["kid"]
    run(keys.rotate())
    keys.forget()
    clock.advance(keys.RETIRED_KEY_SECONDS + 60)
    keys.forget()  # the in-process copy is reloaded (it is kept for a minute of real time)
    published = {k["kid"] for k in client.get("/oauth/jwks.json").json()["keys"]}
    assert old_kid not in published
    answer = client.get("/v1/users", headers={"Authorization": f"Bearer {old}"})
    assert answer.status_code == 401
    assert _token(client, service).status_code == 200
    keys.forget()
