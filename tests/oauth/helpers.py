"""Shared helpers of the OAuth tests: register clients through the API."""

from __future__ import annotations

import base64


def register(client, key, **fields):
    body = {"name": "Test app", "scopes": ["users:read"], **fields}
    response = client.post("/v1/oauth/clients", json=body, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    return response.json()


def basic(client_id, secret):
    raw = f"{client_id}:{secret}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


def service_client(client, key, scopes=("users:read",)):
    return register(client, key, grant_types=["client_credentials"], scopes=list(scopes))


def pkce_pair(verifier: str | None = None) -> tuple[str, str]:
    import hashlib
    import secrets

    verifier = verifier or secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields of a page's form (the CSRF token)."""
    import re

    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def authorize_url(client_id, redirect_uri, challenge, scope="openid users:read", **extra):
    from urllib.parse import urlencode

    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": "st4te",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }
    return "/oauth/authorize?" + urlencode({k: v for k, v in params.items() if v is not None})


def sign_in_and_allow(client, url, username, password):
    """Drive the login and consent pages; the final redirect's Location."""
    from tests.factories import PASSWORD

    page = client.get(url, follow_redirects=False)
    if page.status_code == 200 and 'name="username"' in page.text:
        fields = {**form_fields(page.text), "action": "login", "username": username}
        fields["password"] = password or PASSWORD
        page = client.post(url, data=fields, follow_redirects=False)
        assert page.status_code == 303, page.text
        page = client.get(page.headers["location"], follow_redirects=False)
    if page.status_code == 200 and 'value="allow"' in page.text:
        fields = {**form_fields(page.text), "action": "allow"}
        page = client.post(url, data=fields, follow_redirects=False)
    assert page.status_code in (302, 303), page.text
    return page.headers["location"]


def run(coroutine):
    """Run a service coroutine from a test (its own event loop)."""
    import asyncio

    return asyncio.run(coroutine)
