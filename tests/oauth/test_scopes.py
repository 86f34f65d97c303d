"""A client's allowance narrowed after its tokens were issued narrows them everywhere: on the
API (within a second), at refresh and at introspection; and a refresh asked for fewer scopes,
retried within the grace window, gets those scopes again."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.factories import PASSWORD, create_user
from tests.oauth.helpers import (
    authorize_url,
    basic,
    pkce_pair,
    register,
    service_client,
    sign_in_and_allow,
)

REDIRECT = "https://app.example.com/cb"


def _user_tokens(client, admin, scopes):
    reg = register(client, admin.key, redirect_uris=[REDIRECT], scopes=list(scopes))
    person = create_user(admin.organization_id)
    verifier, challenge = pkce_pair()
    url = authorize_url(reg["client_id"], REDIRECT, challenge, scope=" ".join(scopes))
    code = parse_qs(urlsplit(sign_in_and_allow(client, url, person.username, PASSWORD)).query)
    form = {
        "grant_type": "authorization_code",
        "code": code["code"][0],
        "code_verifier": verifier,
        "redirect_uri": REDIRECT,
    }
    answer = client.post(
        "/oauth/token", data=form, headers=basic(reg["client_id"], reg["client_secret"])
    )
    assert answer.status_code == 200, answer.text
    return reg, answer.json()


def _narrow(client, admin, reg, scopes):
    changed = client.patch(
        f"/v1/oauth/clients/{reg['client_id']}",
        json={"scopes": scopes},
        headers={"X-API-Key": admin.key},
    )
    assert changed.status_code == 200, changed.text


def _introspected_scope(client, reg, token):
    answer = client.post(
        "/oauth/introspect",
        data={"token": token},
        headers=basic(reg["client_id"], reg["client_secret"]),
    )
    assert answer.status_code == 200 and answer.json()["active"] is True, answer.text
    return answer.json()["scope"]


def test_a_narrowed_client_narrows_refresh_and_introspection_of_user_tokens(client, admin):
    reg, tokens = _user_tokens(client, admin, ("openid", "users:read"))
    assert _introspected_scope(client, reg, tokens["access_token"]) == "openid users:read"
    _narrow(client, admin, reg, ["openid"])
    assert _introspected_scope(client, reg, tokens["access_token"]) == "openid"
    assert _introspected_scope(client, reg, tokens["refresh_token"]) == "openid"
    auth = basic(reg["client_id"], reg["client_secret"])
    refreshed = client.post(
        "/oauth/refresh", data={"refresh_token": tokens["refresh_token"]}, headers=auth
    )
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["scope"] == "openid"
    assert _introspected_scope(client, reg, refreshed.json()["access_token"]) == "openid"
    # Asking for the removed scope by name is asking beyond the grant now.
    wider = client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": refreshed.json()["refresh_token"],
            "scope": "users:read",
        },
        headers=auth,
    )
    assert wider.status_code == 400 and wider.json()["error"] == "invalid_scope"


def test_a_narrowed_client_narrows_introspection_of_client_credentials_tokens(client, admin):
    reg = service_client(client, admin.key, scopes=("users:read", "keys:read"))
    token = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers=basic(reg["client_id"], reg["client_secret"]),
    ).json()["access_token"]
    assert _introspected_scope(client, reg, token) == "keys:read users:read"
    _narrow(client, admin, reg, ["users:read"])
    assert _introspected_scope(client, reg, token) == "users:read"
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/keys", headers=bearer).status_code == 403


def test_a_retried_narrowing_refresh_gets_the_narrower_scope_again(client, admin):
    reg, tokens = _user_tokens(client, admin, ("openid", "users:read"))
    auth = basic(reg["client_id"], reg["client_secret"])
    form = {
        "grant_type": "refresh_token",
        "refresh_token": tokens["refresh_token"],
        "scope": "users:read",
    }
    first = client.post("/oauth/token", data=form, headers=auth)
    assert first.status_code == 200 and first.json()["scope"] == "users:read", first.text
    retried = client.post("/oauth/token", data=form, headers=auth)
    assert retried.status_code == 200, retried.text
    assert retried.json()["refresh_token"] == first.json()["refresh_token"]
    assert retried.json()["scope"] == "users:read"
    assert _introspected_scope(client, reg, retried.json()["access_token"]) == "users:read"
    wider = client.post("/oauth/token", data={**form, "scope": "openid admin"}, headers=auth)
    assert wider.status_code == 400 and wider.json()["error"] == "invalid_scope"
