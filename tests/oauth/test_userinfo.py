"""UserInfo's answer is the user's personal data: never cached. And only an access token is a
Bearer credential: an ID token (signed with the same key) or a token of another issuer is not."""

from __future__ import annotations

import time
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
