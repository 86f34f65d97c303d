"""Malformed input at the authorization endpoint: once the client and its redirect URI are known
to be good, a bad parameter goes back to the client as `error=invalid_request` (RFC 6749
4.1.2.1), with `state` only when it is valid itself; before that, it is shown on the page. The
pipeline's own refusals there (a NUL in the form, a rate limit) are pages, never JSON."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.oauth.helpers import authorize_url, basic, form_fields, pkce_pair, register

REDIRECT = "https://app.example.com/cb"
CONTROLS = ["\x00", "\x01", "\n", "\x7f", "\x85"]


@pytest.fixture
def app_client(client, admin):
    return register(client, admin.key, redirect_uris=[REDIRECT], scopes=["openid", "users:read"])


def _redirected(answer) -> dict[str, list[str]]:
    assert answer.status_code in (302, 303), answer.text
    parts = urlsplit(answer.headers["location"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REDIRECT
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["iss"] == ["http://testserver/oauth"]
    assert "code" not in query
    return query


def _page(answer, status: int) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["cache-control"] == "no-store"
    return str(answer.text)


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("name", ["scope", "nonce", "code_challenge", "unknown_extra"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_control_character_redirects_invalid_request_with_the_state(
    client, app_client, name, control, method
):
    _, challenge = pkce_pair()
    extra = {name: f"a{control}b"}
    url = authorize_url(app_client["client_id"], REDIRECT, challenge, **extra)
    answer = client.request(method, url, follow_redirects=False)
    query = _redirected(answer)
    assert query["error"] == ["invalid_request"]
    assert (
        name in query["error_description"][0]
        and "control character" in (query["error_description"][0])
    )
    assert query["state"] == ["st4te"]  # valid, so it goes back with the error


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_invalid_state_redirects_without_the_state(client, app_client, control, method):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge, state=f"st{control}4te")
    query = _redirected(client.request(method, url, follow_redirects=False))
    assert query["error"] == ["invalid_request"] and "state" not in query
    assert "state" in query["error_description"][0]


def test_a_bad_parameter_with_a_bad_state_goes_back_without_either(client, app_client):
    _, challenge = pkce_pair()
    url = authorize_url(
        app_client["client_id"], REDIRECT, challenge, state="s\x00", scope="openid\x00"
    )
    query = _redirected(client.get(url, follow_redirects=False))
    assert query["error"] == ["invalid_request"] and "state" not in query


def test_a_repeated_state_is_not_sent_back(client, app_client):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge) + "&state=other"
    query = _redirected(client.get(url, follow_redirects=False))
    assert query["error"] == ["invalid_request"] and "state" not in query


def test_a_control_character_in_the_name_of_a_parameter_redirects(client, app_client):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge) + "&x%00y=1"
    query = _redirected(client.get(url, follow_redirects=False))
    assert query["error"] == ["invalid_request"] and query["state"] == ["st4te"]


@pytest.mark.parametrize("name", ["client_id", "redirect_uri"])
@pytest.mark.parametrize("control", ["\x00", "\x1b"])
def test_a_control_character_in_the_client_or_redirect_uri_is_shown_never_redirected(
    client, app_client, name, control
):
    _, challenge = pkce_pair()
    values = {"client_id": app_client["client_id"], "redirect_uri": REDIRECT}
    values[name] += control
    url = authorize_url(values["client_id"], values["redirect_uri"], challenge)
    for method in ("GET", "POST"):
        text = _page(client.request(method, url, follow_redirects=False), 400)
        assert f"The parameter {name} contains a control character" in text
        assert "\x00" not in text and "\x1b" not in text


def test_a_clean_request_still_shows_the_sign_in_form(client, app_client):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge, nonce="n-0S6_WzA2Mj")
    text = _page(client.get(url, follow_redirects=False), 200)
    assert 'name="username"' in text


def test_a_nul_in_the_sign_in_form_is_a_page(client, app_client, person_password):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge)
    fields = form_fields(client.get(url).text)
    body = {**fields, "action": "login", "username": "a\x00b", "password": person_password}
    text = _page(client.post(url, data=body, follow_redirects=False), 422)
    assert "NUL characters are not allowed" in text and "<h1>" in text


@pytest.fixture
def person_password():
    from tests.factories import PASSWORD

    return PASSWORD


def test_the_api_surfaces_still_refuse_a_nul_in_the_query(client, admin):
    answer = client.get("/v1/audit?action=a%00b", headers={"X-API-Key": admin.key})
    assert answer.status_code == 422 and answer.headers["content-type"] == "application/json"
    jwks = client.get("/oauth/jwks.json?x=a%00b")  # RFC 6749 5.2's 400 on /oauth
    assert jwks.status_code == 400 and jwks.json()["error"] == "invalid_request"


def test_flasks_own_refusals_at_the_endpoint_are_pages_of_its_style(
    client, app_client, monkeypatch
):
    put = client.put("/oauth/authorize", follow_redirects=False)
    text = _page(put, 405)
    assert "<h1>Cannot authorize this application</h1>" in text
    assert {m.strip() for m in put.headers["allow"].split(",")} >= {"GET", "POST"}

    from charter.oauth import browser

    async def broken(issuer, params):
        raise RuntimeError("secret detail of a failure")

    monkeypatch.setattr(browser, "check", broken)
    _, challenge = pkce_pair()
    failed = client.get(authorize_url(app_client["client_id"], REDIRECT, challenge))
    text = _page(failed, 500)
    assert "Try again later" in text and "secret detail" not in text


@pytest.mark.parametrize(("name", "limit"), [("nonce", 512), ("resource", 2048)])
def test_an_overlong_nonce_or_resource_redirects_invalid_request(client, app_client, name, limit):
    _, challenge = pkce_pair()
    value = "n" * (limit + 1) if name == "nonce" else "http://testserver/" + "r" * (limit - 17)
    assert len(value) == limit + 1
    url = authorize_url(app_client["client_id"], REDIRECT, challenge, **{name: value})
    query = _redirected(client.get(url, follow_redirects=False))
    assert query["error"] == ["invalid_request"] and query["state"] == ["st4te"]
    assert name in query["error_description"][0] and str(limit) in query["error_description"][0]


def test_a_nonce_and_resource_at_their_limits_are_kept(client, admin, app_client):
    from tests.factories import PASSWORD, create_user
    from tests.oauth.helpers import sign_in_and_allow

    person = create_user(admin.organization_id)
    verifier, challenge = pkce_pair()
    nonce, resource = "n" * 512, "http://testserver/" + "r" * (2048 - 18)
    url = authorize_url(
        app_client["client_id"], REDIRECT, challenge, nonce=nonce, resource=resource
    )
    location = sign_in_and_allow(client, url, person.username, PASSWORD)
    code = parse_qs(urlsplit(location).query)["code"][0]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    answer = client.post(
        "/oauth/token",
        data={**form, "code_verifier": verifier},
        headers=basic(app_client["client_id"], app_client["client_secret"]),
    )
    assert answer.status_code == 200, answer.text
    import jwt

    assert (
        jwt.decode(answer.json()["id_token"], options={"verify_signature": False})["nonce"] == nonce
    )
    access = jwt.decode(answer.json()["access_token"], options={"verify_signature": False})
    assert access["aud"] == resource
