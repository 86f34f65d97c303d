"""Who may introspect which tokens (RFC 7662 section 4 leaves it to the server). As in Keycloak
(any confidential client of a realm) and Hydra (the introspecting party sees every token it
serves), any confidential client of an organization introspects every token of that
organization, another client's included: that is how a resource server registered as its own
client checks the tokens an application presents to it. Across organizations, and between live
and test mode, every token is `{"active": false}`, answered exactly as an unknown one."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, create_key, create_user
from tests.oauth.helpers import (
    authorize_url,
    basic,
    pkce_pair,
    register,
    service_client,
    sign_in_and_allow,
)

REDIRECT = "https://app.example.com/cb"


def _introspect(client, reg, token, **form):
    return client.post(
        "/oauth/introspect",
        data={"token": token, **form},
        headers=basic(reg["client_id"], reg["client_secret"]),
    )


def _service_token(client, reg):
    answer = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers=basic(reg["client_id"], reg["client_secret"]),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["access_token"]


def _user_tokens(client, tenant):
    """An application of `tenant` and the access and refresh tokens a person of it authorized."""
    app = register(client, tenant.key, redirect_uris=[REDIRECT], scopes=["openid", "users:read"])
    person = create_user(tenant.organization_id)
    verifier, challenge = pkce_pair()
    url = authorize_url(app["client_id"], REDIRECT, challenge)
    code = sign_in_and_allow(client, url, person.username, PASSWORD).split("code=")[1]
    answer = client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code.split("&")[0],
            "code_verifier": verifier,
            "redirect_uri": REDIRECT,
        },
        headers=basic(app["client_id"], app["client_secret"]),
    )
    assert answer.status_code == 200, answer.text
    return app, person, answer.json()


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def test_a_resource_server_client_of_the_organization_introspects_another_clients_tokens(
    client, tenant
):
    app, person, tokens = _user_tokens(client, tenant)
    resource_server = service_client(client, tenant.key)  # its own client, never given a token
    seen = _introspect(client, resource_server, tokens["access_token"])
    assert seen.status_code == 200, seen.text
    body = seen.json()
    assert body["active"] is True and body["client_id"] == app["client_id"]
    assert body["sub"] == person.id and body["username"] == person.username
    assert body["token_type"] == "Bearer" and body["scope"] == "openid users:read"
    refresh = _introspect(client, resource_server, tokens["refresh_token"]).json()
    assert refresh["active"] is True and refresh["token_type"] == "refresh_token"
    assert refresh["client_id"] == app["client_id"]
    machine = _introspect(client, app, _service_token(client, resource_server)).json()
    assert machine["active"] is True and machine["client_id"] == resource_server["client_id"]


def test_another_organizations_client_sees_every_token_as_inactive(client, tenant, make_tenant):
    app, _, tokens = _user_tokens(client, tenant)
    service = service_client(client, tenant.key)
    service_token = _service_token(client, service)
    stranger = make_tenant(plan="enterprise", scopes=["admin"])
    foreign = service_client(client, stranger.key)
    unknown = _introspect(client, foreign, "ort_" + "x" * 43)
    for token in (tokens["access_token"], tokens["refresh_token"], service_token):
        for hint in (None, "access_token", "refresh_token"):
            form = {"token_type_hint": hint} if hint else {}
            answer = _introspect(client, foreign, token, **form)
            assert answer.status_code == 200, answer.text
            assert answer.json() == {"active": False}
            assert answer.content == unknown.content  # nothing tells it from an unknown token
    # Looking did not use or revoke anything: the owner's tokens still work.
    assert _introspect(client, app, tokens["access_token"]).json()["active"] is True
    refreshed = client.post(
        "/oauth/refresh",
        data={"refresh_token": tokens["refresh_token"]},
        headers=basic(app["client_id"], app["client_secret"]),
    )
    assert refreshed.status_code == 200, refreshed.text
    # And the other way round: the tenant's clients see nothing of the stranger's tokens.
    assert _introspect(client, app, _service_token(client, foreign)).json() == {"active": False}


def test_a_test_mode_client_sees_live_tokens_as_inactive(client, tenant):
    service = service_client(client, tenant.key)
    live_token = _service_token(client, service)
    test_key, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    sandbox = service_client(client, test_key)
    assert sandbox["data"]["mode"] == "test" and service["data"]["mode"] == "live"
    assert _introspect(client, sandbox, live_token).json() == {"active": False}
    assert _introspect(client, service, _service_token(client, sandbox)).json() == {"active": False}
    assert _introspect(client, service, live_token).json()["active"] is True
