"""UserInfo's answer is the user's personal data: never cached. And only an access token is a
Bearer credential: an ID token (signed with the same key) or a token of another issuer is not."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from tests.factories import PASSWORD, create_user
from tests.oauth.helpers import authorize_url, basic, pkce_pair, register, sign_in_and_allow

REDIRECT = "https://app.example.com/cb"


@pytest.fixture
def tokens(client, admin):
    reg = register(
        client, admin.key, redirect_uris=[REDIRECT], scopes=["openid", "profile", "users:read"]
    )
    person = create_user(admin.organization_id)
    verifier, challenge = pkce_pair()
    url = authorize_url(reg["client_id"], REDIRECT, challenge, scope="openid profile users:read")
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
    return answer.json()


def test_userinfo_is_not_stored(client, tokens):
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    for method in ("GET", "POST"):
        answer = client.request(method, "/oauth/userinfo", headers=bearer)
        assert answer.status_code == 200, answer.text
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["pragma"] == "no-cache"


def _resigned(token: str, header: dict, **changes) -> str:
    """`token`'s claims with `changes`, signed with Charter's own key under `header`."""
    from charter.oauth import keys
    from tests.oauth.helpers import run

    claims = {**jwt.decode(token, options={"verify_signature": False}), **changes}
    kid, private = run(keys.signing_key())
    return jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid, **header})


def _verified(token: str):
    from charter.oauth import access_tokens
    from tests.oauth.helpers import run

    return run(access_tokens.verify_access_token(token))


def test_only_an_access_token_of_this_issuer_is_verified(client, tokens):
    access = tokens["access_token"]
    claims, _ = _verified(access)
    assert claims is not None and claims["iss"] == "http://testserver/oauth"
    # The same claims and key, but not typed as an access token (RFC 9068 2.1), are refused.
    for header in ({}, {"typ": "JWT"}):
        assert _verified(_resigned(access, header)) == (None, "Invalid access token")
    typed = {"typ": "at+jwt"}
    assert _verified(_resigned(access, typed))[0] is not None  # the control: same key, typed
    for iss in (
        "https://elsewhere.example/oauth",
        "http://testserver",
        "http://testserver/v1/oauth",
    ):
        forged = _resigned(access, typed, iss=iss)
        assert _verified(forged) == (None, "Invalid access token"), iss
        answer = client.get("/v1/users", headers={"Authorization": f"Bearer {forged}"})
        assert answer.status_code == 401, iss


def test_an_id_token_is_not_a_bearer_credential(client, tokens):
    id_token = tokens["id_token"]
    assert _verified(id_token)[0] is None
    # Even dressed up as an access token of its issuance, it is refused.
    access = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    dressed = _resigned(
        id_token, {}, sid=access["sid"], client_id=access["client_id"], aud=access["aud"]
    )
    assert _verified(dressed)[0] is None
    for token in (id_token, dressed):
        bearer = {"Authorization": f"Bearer {token}"}
        assert client.get("/oauth/userinfo", headers=bearer).status_code == 401
        assert client.get("/v1/users", headers=bearer).status_code == 401
    assert (
        client.get(
            "/oauth/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        ).status_code
        == 200
    )
