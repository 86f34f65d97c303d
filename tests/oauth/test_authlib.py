"""A real OAuth client library nobody here wrote (Authlib's OAuth2Session) runs the code + PKCE
flow, client_credentials, refresh, revocation and introspection against a live server, knowing
nothing but the discovery document's URL."""

from __future__ import annotations

import re
import secrets

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey
from authlib.jose import jwt as authlib_jwt

from tests.factories import PASSWORD, create_user
from tests.oauth.helpers import register, service_client

REDIRECT = "https://app.example.com/callback"


@pytest.fixture(scope="module")
def discovery(live_server):
    url = f"{live_server.url}/.well-known/oauth-authorization-server/oauth"
    metadata = requests.get(url, timeout=10).json()
    assert metadata["issuer"] == f"{live_server.url}/oauth"
    openid = requests.get(f"{live_server.url}/oauth/.well-known/openid-configuration", timeout=10)
    assert openid.json() == metadata
    return metadata


def _hidden(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def _browser_allows(authorization_url: str, username: str) -> str:
    """A person signs in and allows in the pages; the redirect back to the client."""
    browser = requests.Session()
    page = browser.get(authorization_url, timeout=10)
    assert page.status_code == 200 and 'name="username"' in page.text
    form = {**_hidden(page.text), "action": "login", "username": username, "password": PASSWORD}
    page = browser.post(authorization_url, data=form, timeout=10)  # follows to the consent page
    assert page.status_code == 200 and 'value="allow"' in page.text, page.text
    form = {**_hidden(page.text), "action": "allow"}
    answer = browser.post(authorization_url, data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 303
    return answer.headers["Location"]


def test_code_flow_with_pkce_refresh_revoke_and_introspect(client, admin, discovery, live_server):
    reg = register(
        client, admin.key, redirect_uris=[REDIRECT], scopes=["openid", "profile", "users:read"]
    )
    person = create_user(admin.organization_id)
    session = OAuth2Session(
        reg["client_id"],
        reg["client_secret"],
        scope="openid profile users:read",
        redirect_uri=REDIRECT,
        code_challenge_method="S256",
    )
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    url, state = session.create_authorization_url(
        discovery["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    callback = _browser_allows(url, person.username)
    token = session.fetch_token(
        discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    assert token["token_type"] == "Bearer" and "refresh_token" in token

    keys = JsonWebKey.import_key_set(requests.get(discovery["jwks_uri"], timeout=10).json())
    claims = authlib_jwt.decode(
        token["id_token"],
        keys,
        claims_options={
            "iss": {"essential": True, "value": discovery["issuer"]},
            "aud": {"essential": True, "value": reg["client_id"]},
            "nonce": {"essential": True, "value": nonce},
        },
    )
    claims.validate()
    assert claims["sub"] == person.id

    userinfo = session.get(discovery["userinfo_endpoint"])
    assert userinfo.status_code == 200 and userinfo.json()["preferred_username"] == person.username
    me = session.get(f"{live_server.url}/v1/users/{person.id}")
    assert me.status_code == 200, me.text

    refreshed = session.refresh_token(discovery["token_endpoint"])
    assert refreshed["refresh_token"] != token["refresh_token"]
    assert session.get(discovery["userinfo_endpoint"]).status_code == 200

    introspection = session.introspect_token(
        discovery["introspection_endpoint"], token=refreshed["access_token"]
    )
    assert introspection.json()["active"] is True
    session.revoke_token(
        discovery["revocation_endpoint"],
        token=refreshed["refresh_token"],
        token_type_hint="refresh_token",
    )
    gone = session.introspect_token(
        discovery["introspection_endpoint"], token=refreshed["access_token"]
    )
    assert gone.json() == {"active": False}
    assert session.get(discovery["userinfo_endpoint"]).status_code == 401


def test_public_client_code_flow_with_pkce(client, admin, discovery):
    reg = register(
        client, admin.key, client_type="public", redirect_uris=[REDIRECT], scopes=["users:read"]
    )
    person = create_user(admin.organization_id)
    session = OAuth2Session(
        reg["client_id"],
        scope="users:read",
        redirect_uri=REDIRECT,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )
    verifier = secrets.token_urlsafe(48)
    url, _ = session.create_authorization_url(
        discovery["authorization_endpoint"], code_verifier=verifier
    )
    callback = _browser_allows(url, person.username)
    token = session.fetch_token(
        discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    assert token["scope"] == "users:read" and "id_token" not in token


@pytest.mark.parametrize("method", ["client_secret_basic", "client_secret_post"])
def test_client_credentials(client, admin, discovery, live_server, method):
    reg = service_client(client, admin.key)
    session = OAuth2Session(
        reg["client_id"],
        reg["client_secret"],
        scope="users:read",
        token_endpoint_auth_method=method,
    )
    token = session.fetch_token(discovery["token_endpoint"], grant_type="client_credentials")
    assert token["scope"] == "users:read" and "refresh_token" not in token
    users = session.get(f"{live_server.url}/v1/users")
    assert users.status_code == 200 and users.json()["total"] >= 1
    wrong = OAuth2Session(reg["client_id"], "cs_wrong", token_endpoint_auth_method=method)
    from authlib.integrations.base_client.errors import OAuthError

    with pytest.raises(OAuthError) as error:
        wrong.fetch_token(discovery["token_endpoint"], grant_type="client_credentials")
    assert error.value.error == "invalid_client"
