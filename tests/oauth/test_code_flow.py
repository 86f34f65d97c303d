"""The authorization code flow with PKCE through the real pages, the token endpoint, ID tokens,
UserInfo, consent remembered and revoked, and the RFC 6749 / 7636 negative cases."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from sqlalchemy import select

from charter.platform import runtime
from storage.models import OutboxEvent
from tests.factories import PASSWORD, create_key, create_user
from tests.oauth.helpers import (
    authorize_url,
    basic,
    form_fields,
    pkce_pair,
    register,
    sign_in_and_allow,
)

REDIRECT = "https://app.example.com/cb"


@pytest.fixture
def app_client(client, admin):
    return register(
        client,
        admin.key,
        redirect_uris=[REDIRECT],
        scopes=["openid", "profile", "email", "users:read"],
    )


@pytest.fixture
def person(admin):
    return create_user(admin.organization_id)


def _code(location):
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REDIRECT
    query = parse_qs(parts.query)
    assert query["state"] == ["st4te"] and query["iss"] == ["http://testserver/oauth"]
    return query["code"][0]


def _exchange(client, reg, code, verifier, **extra):
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    data.update(code_verifier=verifier, **extra)
    return client.post(
        "/oauth/token",
        data={k: v for k, v in data.items() if v is not None},
        headers=basic(reg["client_id"], reg["client_secret"]),
    )


def test_code_flow_issues_tokens_id_token_and_userinfo(client, app_client, person):
    verifier, challenge = pkce_pair()
    url = authorize_url(
        app_client["client_id"],
        REDIRECT,
        challenge,
        nonce="n-0S6_WzA2Mj",
        scope="openid profile email users:read",
    )
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    answer = _exchange(client, app_client, code, verifier)
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer" and tokens["refresh_token"].startswith("ort_")
    jwks = client.get("/oauth/jwks.json").json()
    header = jwt.get_unverified_header(tokens["id_token"])
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    claims = jwt.decode(
        tokens["id_token"],
        jwt.algorithms.RSAAlgorithm.from_jwk(key),
        algorithms=["RS256"],
        audience=app_client["client_id"],
        issuer="http://testserver/oauth",
    )
    assert claims["sub"] == person.id and claims["nonce"] == "n-0S6_WzA2Mj"
    assert claims["preferred_username"] == person.username
    access = jwt.decode(
        tokens["access_token"],
        jwt.algorithms.RSAAlgorithm.from_jwk(key),
        algorithms=["RS256"],
        audience="http://testserver",
    )
    assert jwt.get_unverified_header(tokens["access_token"])["typ"] == "at+jwt"
    assert access["sub"] == person.id and access["client_id"] == app_client["client_id"]
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    info = client.get("/oauth/userinfo", headers=bearer)
    assert info.status_code == 200, info.text
    posted = client.post("/oauth/userinfo", headers=bearer)  # OpenID Connect Core 5.3.1
    assert posted.status_code == 200 and posted.json() == info.json(), posted.text
    assert info.json() == {
        "sub": person.id,
        "preferred_username": person.username,
        "name": person.username,
        "email": f"{person.username}@example.com",
        "email_verified": False,
    }
    # The token works on the API with the user's tenancy and within the user's role.
    me = client.get(f"/v1/users/{person.id}", headers=bearer)
    assert me.status_code == 200, me.text
    assert client.post("/v1/users", json={}, headers=bearer).status_code in (400, 403)


def test_consent_is_remembered_and_revoking_the_grant_stops_tokens(client, app_client, person):
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    tokens = _exchange(client, app_client, code, verifier).json()
    # Second time: signed in and consented before -> straight back with a code.
    again = client.get(url, follow_redirects=False)
    assert again.status_code == 302 and "code=" in again.headers["location"]
    login = client.post(
        "/v2/auth/login", json={"username": person.username, "password": PASSWORD}
    ).json()
    user_auth = {"Authorization": f"Bearer {login['access_token']}"}
    listed = client.get("/v1/oauth/grants", headers=user_auth)
    assert listed.status_code == 200
    assert [g["client_id"] for g in listed.json()["data"]] == [app_client["client_id"]]
    revoked = client.delete(f"/v1/oauth/grants/{app_client['client_id']}", headers=user_auth)
    assert revoked.status_code == 204
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get(f"/v1/users/{person.id}", headers=bearer).status_code == 401
    refreshed = client.post(
        "/oauth/refresh",
        data={"refresh_token": tokens["refresh_token"]},
        headers=basic(app_client["client_id"], app_client["client_secret"]),
    )
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
    with runtime.current().db.sync_transaction() as session:
        announced = session.scalars(
            select(OutboxEvent.event_type).where(
                OutboxEvent.organization_id == person.organization_id,
                OutboxEvent.event_type.like("oauth.grant.%"),
            )
        ).all()
        rows = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_type.like("oauth.grant.%"))
        ).all()
    assert {"oauth.grant.created", "oauth.grant.revoked"} <= set(announced)
    assert any(e.payload["user_id"] == person.id for e in rows)
    # Consent is asked again.
    page = client.get(url, follow_redirects=False)
    assert page.status_code == 200 and 'value="allow"' in page.text
    again = client.delete(f"/v1/oauth/grants/{app_client['client_id']}", headers=user_auth)
    assert again.status_code == 404


def test_code_errors(client, app_client, person, clock):
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    wrong = _exchange(client, app_client, code, pkce_pair()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # The code was used by that attempt: replay answers invalid_grant too.
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    missing = _exchange(client, app_client, code, None)
    assert missing.json()["error"] == "invalid_grant"
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    other_redirect = _exchange(client, app_client, code, verifier, redirect_uri=REDIRECT + "x")
    assert other_redirect.json()["error"] == "invalid_grant"
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    clock.advance(61)
    expired = _exchange(client, app_client, code, verifier)
    assert expired.json()["error"] == "invalid_grant" and "expired" in expired.text


def test_replayed_code_revokes_its_tokens(client, app_client, person):
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    first = _exchange(client, app_client, code, verifier)
    assert first.status_code == 200
    replay = _exchange(client, app_client, code, verifier)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    assert client.get("/oauth/userinfo", headers=bearer).status_code == 401
    introspected = client.post(
        "/oauth/introspect",
        data={"token": first.json()["access_token"]},
        headers=basic(app_client["client_id"], app_client["client_secret"]),
    )
    assert introspected.json() == {"active": False}


def test_authorize_errors_shown_or_redirected(client, app_client, admin):
    _, challenge = pkce_pair()
    cid = app_client["client_id"]
    shown = [
        authorize_url("cli_unknown", REDIRECT, challenge),
        authorize_url(cid, "https://evil.example.com/cb", challenge),
        authorize_url(cid, REDIRECT + "/", challenge),
    ]
    for url in shown:
        page = client.get(url, follow_redirects=False)
        assert page.status_code == 400, url
        assert page.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    redirected = [
        (authorize_url(cid, REDIRECT, challenge, code_challenge_method="plain"), "invalid_request"),
        (authorize_url(cid, REDIRECT, challenge, scope="openid admin"), "invalid_scope"),
        (
            authorize_url(cid, REDIRECT, challenge, response_type="token"),
            "unsupported_response_type",
        ),
        (authorize_url(cid, REDIRECT, challenge, prompt="none"), "login_required"),
    ]
    for url, error in redirected:
        answer = client.get(url, follow_redirects=False)
        assert answer.status_code == 302, (url, answer.text)
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        assert query["error"] == [error] and query["state"] == ["st4te"], url
    public = register(client, admin.key, client_type="public", redirect_uris=[REDIRECT])
    no_pkce = authorize_url(
        public["client_id"], REDIRECT, None, code_challenge_method=None, scope="users:read"
    )
    answer = client.get(no_pkce, follow_redirects=False)
    assert parse_qs(urlsplit(answer.headers["location"]).query)["error"] == ["invalid_request"]


def test_login_page_csrf_wrong_password_and_deny(client, app_client, person):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    page = client.get(url)
    assert page.status_code == 200 and 'name="csrf"' in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    forged = client.post(
        url,
        data={
            "action": "login",
            "username": person.username,
            "password": PASSWORD,
            "csrf": "forged",
        },
    )
    assert forged.status_code == 400
    fields = {**form_fields(page.text), "action": "login", "username": person.username}
    wrong = client.post(url, data={**fields, "password": "wrong"}, follow_redirects=False)
    assert wrong.status_code == 401 and "Wrong username or password" in wrong.text
    ok = client.post(url, data={**fields, "password": PASSWORD}, follow_redirects=False)
    assert ok.status_code == 303
    consent = client.get(ok.headers["location"])
    deny = client.post(
        url, data={**form_fields(consent.text), "action": "deny"}, follow_redirects=False
    )
    assert deny.status_code == 303
    assert parse_qs(urlsplit(deny.headers["location"]).query)["error"] == ["access_denied"]


def test_login_page_asks_for_the_totp_of_an_enrolled_user(client, app_client, admin):
    import pyotp

    from charter.platform import crypto
    from storage.models import User

    person = create_user(admin.organization_id)
    secret = pyotp.random_base32()
    with runtime.current().db.sync_transaction() as session:
        user = session.get(User, person.id)
        user.mfa_enabled, user.totp_secret_enc = True, crypto.encrypt(secret)
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    page = client.get(url)
    fields = {**form_fields(page.text), "action": "login", "username": person.username}
    fields["password"] = PASSWORD
    without = client.post(url, data=fields, follow_redirects=False)
    assert without.status_code == 403 and "authenticator app" in without.text
    wrong = client.post(url, data={**fields, "mfa_code": "000000"}, follow_redirects=False)
    assert wrong.status_code == 401
    right = client.post(
        url, data={**fields, "mfa_code": pyotp.TOTP(secret).now()}, follow_redirects=False
    )
    assert right.status_code == 303, right.text
    consent = client.get(right.headers["location"])
    assert 'value="allow"' in consent.text


def test_a_user_of_another_organization_cannot_authorize_the_client(
    client, app_client, make_tenant
):
    stranger_org = make_tenant(plan="enterprise", scopes=["admin"])
    stranger = create_user(stranger_org.organization_id)
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    page = client.get(url)
    fields = {**form_fields(page.text), "action": "login", "username": stranger.username}
    signed_in = client.post(url, data={**fields, "password": PASSWORD}, follow_redirects=False)
    consent = client.get(signed_in.headers["location"])
    answer = client.post(url, data={**form_fields(consent.text), "action": "allow"})
    assert answer.status_code == 403 and "another organization" in answer.text
    assert "code=" not in answer.headers.get("location", "")


def test_the_sign_in_form_has_the_login_rate_class(app, app_client, person, monkeypatch):
    from charter.platform.ratelimit import parse_rate

    monkeypatch.setattr(runtime.current().limiter, "auth", parse_rate("1/hour"))
    with app.test_client(client=("198.51.100.77", 50000)) as client:  # its own address
        _sign_in_twice(client, app_client, person)


def _sign_in_twice(client, app_client, person):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    page = client.get(url)
    fields = {**form_fields(page.text), "action": "login", "username": person.username}
    first = client.post(url, data={**fields, "password": "wrong"}, follow_redirects=False)
    second = client.post(url, data={**fields, "password": "wrong"}, follow_redirects=False)
    assert first.status_code == 401 and second.status_code == 429
    # A person reads the refusal: a page like the form's, never JSON, with Retry-After kept.
    wait = second.headers["retry-after"]
    assert wait.isdigit() and int(wait) > 0
    assert second.headers["content-type"].startswith("text/html")
    assert second.text.startswith("<!doctype html>") and "<h1>Too many attempts</h1>" in second.text
    assert f"Try again in {wait} seconds." in second.text
    assert second.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in second.headers["content-security-policy"]
    assert second.headers["cache-control"] == "no-store"
    assert "x-ratelimit-limit" in second.headers and "x-request-id" in second.headers
    assert client.get(url).status_code == 200  # showing the form is not a sign-in attempt


def test_prompt_login_and_consent_ask_again(client, app_client, person):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    sign_in_and_allow(client, url, person.username, PASSWORD)
    assert client.get(url, follow_redirects=False).status_code == 302  # remembered
    consent = client.get(
        authorize_url(app_client["client_id"], REDIRECT, challenge, prompt="consent")
    )
    assert consent.status_code == 200 and 'value="allow"' in consent.text
    login = client.get(authorize_url(app_client["client_id"], REDIRECT, challenge, prompt="login"))
    assert login.status_code == 200 and 'name="password"' in login.text
    silent = client.get(
        authorize_url(app_client["client_id"], REDIRECT, challenge, prompt="none"),
        follow_redirects=False,
    )
    assert silent.status_code == 302 and "code=" in silent.headers["location"]


def test_only_the_users_own_credentials_list_and_revoke_grants(client, admin, app_client, person):
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    tokens = _exchange(client, app_client, code, verifier).json()
    path = f"/v1/oauth/grants/{app_client['client_id']}"
    # The application's own access token may not see or revoke the user's grants.
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get("/v1/oauth/grants", headers=bearer).status_code == 403
    assert client.delete(path, headers=bearer).status_code == 403
    # Nor may an organization key that names the user.
    org_key, _ = create_key(
        admin.organization_id, user_id=person.id, scopes=["users:read", "grants:write"]
    )
    assert client.get("/v1/oauth/grants", headers={"X-API-Key": org_key}).status_code == 403
    assert client.delete(path, headers={"X-API-Key": org_key}).status_code == 403
    # A personal key of the user may list; revoking needs grants:write.
    login = client.post(
        "/v2/auth/login", json={"username": person.username, "password": PASSWORD}
    ).json()
    session_auth = {"Authorization": f"Bearer {login['access_token']}"}

    def personal(permissions):
        made = client.post(
            "/v2/auth/api-keys",
            headers=session_auth,
            json={"name": "mine", "permissions": permissions},
        )
        assert made.status_code == 201, made.text
        return {"X-API-Key": made.json()["api_key"]}

    reader = personal(["users:read"])
    listed = client.get("/v1/oauth/grants", headers=reader)
    assert listed.status_code == 200 and len(listed.json()["data"]) == 1
    assert client.delete(path, headers=reader).status_code == 403
    assert client.delete(path, headers=personal(["grants:write"])).status_code == 204
    assert client.get("/v1/oauth/grants", headers=session_auth).json()["data"] == []


def test_a_code_issued_before_the_grant_is_revoked_does_not_exchange(client, app_client, person):
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    login = client.post(
        "/v2/auth/login", json={"username": person.username, "password": PASSWORD}
    ).json()
    user_auth = {"Authorization": f"Bearer {login['access_token']}"}
    revoked = client.delete(f"/v1/oauth/grants/{app_client['client_id']}", headers=user_auth)
    assert revoked.status_code == 204
    late = _exchange(client, app_client, code, verifier)
    assert late.status_code == 400 and late.json()["error"] == "invalid_grant"
    assert client.get("/v1/oauth/grants", headers=user_auth).json()["data"] == []


def test_the_exchange_requires_the_grant(client, app_client, person):
    from storage.models import OAuthGrant

    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    with runtime.current().db.sync_transaction() as session:
        for grant in session.scalars(select(OAuthGrant).where(OAuthGrant.user_id == person.id)):
            session.delete(grant)
    late = _exchange(client, app_client, code, verifier)
    assert late.status_code == 400 and late.json()["error"] == "invalid_grant"
    assert "revoked" in late.json()["error_description"]


def test_redirect_uri_sent_at_authorization_is_required_at_the_token_endpoint(
    client, app_client, person
):
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    code = _code(sign_in_and_allow(client, url, person.username, PASSWORD))
    omitted = _exchange(client, app_client, code, verifier, redirect_uri=None)
    assert omitted.status_code == 400 and omitted.json()["error"] == "invalid_grant"
    assert "redirect_uri" in omitted.json()["error_description"]
    # Not sent at authorization (one registered URI): it may be left out at the token endpoint.
    verifier, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], None, challenge)
    code = _code(client.get(url, follow_redirects=False).headers["location"])
    assert _exchange(client, app_client, code, verifier, redirect_uri=None).status_code == 200
