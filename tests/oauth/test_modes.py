"""Live and test mode never mix through OAuth: a user authorizes only clients of their own mode,
and an issuance whose user and client disagree (a row written before that rule) is refused at
the code exchange and at refresh."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from charter.platform import runtime
from storage.models import User
from tests.factories import PASSWORD, create_key
from tests.oauth.helpers import authorize_url, basic, form_fields, pkce_pair, register

REDIRECT = "https://app.example.com/cb"


@pytest.fixture
def live_client(client, admin):
    return register(
        client, admin.key, redirect_uris=[REDIRECT], scopes=["openid", "users:read", "admin"]
    )


def _test_mode_admin(client, admin):
    """A test-mode user with the admin role, made with a test-mode admin key (the repro)."""
    key, _ = create_key(admin.organization_id, scopes=["admin"], livemode=False)
    body = {
        "username": "sandbox.admin." + key[-6:].lower(),
        "email": f"sandbox.{key[-6:].lower()}@example.com",
        "password": PASSWORD,
        "roles": ["admin"],
    }
    made = client.post("/v1/users", json=body, headers={"X-API-Key": key})
    assert made.status_code == 201, made.text
    with runtime.current().db.sync_transaction() as session:
        assert session.get(User, made.json()["data"]["id"]).livemode is False
    return body["username"]


def test_a_test_mode_user_cannot_authorize_a_live_client(client, admin, live_client):
    username = _test_mode_admin(client, admin)
    _, challenge = pkce_pair()
    url = authorize_url(live_client["client_id"], REDIRECT, challenge, scope="admin")
    page = client.get(url)
    fields = {**form_fields(page.text), "action": "login", "username": username}
    signed_in = client.post(url, data={**fields, "password": PASSWORD}, follow_redirects=False)
    assert signed_in.status_code == 303, signed_in.text
    consent = client.get(signed_in.headers["location"])
    answer = client.post(
        url, data={**form_fields(consent.text), "action": "allow"}, follow_redirects=False
    )
    assert answer.status_code == 403, answer.text
    assert "live mode" in answer.text and "code=" not in answer.headers.get("location", "")


def _code_for(client, reg, person_name):
    from tests.oauth.helpers import sign_in_and_allow

    verifier, challenge = pkce_pair()
    url = authorize_url(reg["client_id"], REDIRECT, challenge, scope="openid users:read")
    location = sign_in_and_allow(client, url, person_name, PASSWORD)
    return parse_qs(urlsplit(location).query)["code"][0], verifier


def _set_mode(user_id: str, livemode: bool) -> None:
    with runtime.current().db.sync_transaction() as session:
        session.get(User, user_id).livemode = livemode


def _exchange(client, reg, code, verifier):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
    }
    return client.post(
        "/oauth/token", data=form, headers=basic(reg["client_id"], reg["client_secret"])
    )


def test_the_exchange_and_refresh_recheck_the_users_mode(client, admin, live_client):
    from tests.factories import create_user

    person = create_user(admin.organization_id)
    code, verifier = _code_for(client, live_client, person.username)
    _set_mode(person.id, False)  # as a code issued before the rule would find it
    refused = _exchange(client, live_client, code, verifier)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    assert "mode" in refused.json()["error_description"]

    _set_mode(person.id, True)
    code, verifier = _code_for(client, live_client, person.username)
    tokens = _exchange(client, live_client, code, verifier)
    assert tokens.status_code == 200, tokens.text
    _set_mode(person.id, False)
    auth = basic(live_client["client_id"], live_client["client_secret"])
    form = {"refresh_token": tokens.json()["refresh_token"]}
    again = client.post("/oauth/refresh", data=form, headers=auth)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    bearer = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
    assert client.get("/v1/users", headers=bearer).status_code == 401
    seen = client.post("/oauth/introspect", data={"token": form["refresh_token"]}, headers=auth)
    assert seen.json() == {"active": False}
