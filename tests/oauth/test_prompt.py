"""`prompt=none` (OpenID Connect Core 3.1.2.1): never combined with another value, and never a
page: what would need the person (signing in, consenting) goes back to the client as
`login_required` or `consent_required`, a refusal as `access_denied`."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import PASSWORD, create_user
from tests.oauth.helpers import (
    authorize_url,
    form_fields,
    pkce_pair,
    register,
    sign_in_and_allow,
)

REDIRECT = "https://app.example.com/cb"


@pytest.fixture
def app_client(client, admin):
    return register(client, admin.key, redirect_uris=[REDIRECT], scopes=["openid", "users:read"])


def _error(answer) -> str:
    assert answer.status_code in (302, 303), answer.text
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["state"] == ["st4te"] and "code" not in query
    return query["error"][0]


@pytest.mark.parametrize("prompt", ["none login", "consent none", "none select_account"])
def test_none_with_another_value_is_invalid_request(client, app_client, prompt):
    _, challenge = pkce_pair()
    url = authorize_url(app_client["client_id"], REDIRECT, challenge, prompt=prompt)
    for method in ("GET", "POST"):
        answer = client.request(method, url, follow_redirects=False)
        assert _error(answer) == "invalid_request"


def test_none_never_shows_a_page(client, admin, app_client):
    person = create_user(admin.organization_id)
    _, challenge = pkce_pair()
    silent = authorize_url(app_client["client_id"], REDIRECT, challenge, prompt="none")
    assert _error(client.get(silent, follow_redirects=False)) == "login_required"
    # A form posted to a silent request is not handled: it needs the person too.
    page = client.get(authorize_url(app_client["client_id"], REDIRECT, challenge))
    fields = {**form_fields(page.text), "action": "login", "username": person.username}
    posted = client.post(silent, data={**fields, "password": PASSWORD}, follow_redirects=False)
    assert _error(posted) == "login_required"
    # Signed in without consent: consent_required, for GET and POST alike.
    normal = authorize_url(app_client["client_id"], REDIRECT, challenge)
    signed_in = client.post(normal, data={**fields, "password": PASSWORD}, follow_redirects=False)
    assert signed_in.status_code == 303, signed_in.text
    assert _error(client.get(silent, follow_redirects=False)) == "consent_required"
    allow = {**form_fields(client.get(normal).text), "action": "allow"}
    assert _error(client.post(silent, data=allow, follow_redirects=False)) == "consent_required"
    sign_in_and_allow(client, normal, person.username, PASSWORD)
    granted = client.get(silent, follow_redirects=False)
    assert granted.status_code == 302 and "code=" in granted.headers["location"]


def test_none_answers_a_refusal_as_access_denied(client, app_client, make_tenant, monkeypatch):
    from charter.oauth import browser

    stranger = create_user(make_tenant(plan="enterprise", scopes=["admin"]).organization_id)
    _, challenge = pkce_pair()
    normal = authorize_url(app_client["client_id"], REDIRECT, challenge)
    page = client.get(normal)
    fields = {**form_fields(page.text), "action": "login", "username": stranger.username}
    client.post(normal, data={**fields, "password": PASSWORD}, follow_redirects=False)

    async def consented(request, who):  # as a grant left from before the organization rule
        return True

    monkeypatch.setattr(browser, "consented", consented)
    silent = authorize_url(app_client["client_id"], REDIRECT, challenge, prompt="none")
    answer = client.get(silent, follow_redirects=False)
    assert _error(answer) == "access_denied"  # where the page would have shown a 403
