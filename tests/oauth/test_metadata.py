"""Discovery: one complete document at the three places clients look for it, naming only
endpoints that answer; the JWKS it points at."""

from __future__ import annotations

from tests.oauth.helpers import basic, service_client

PATHS = [
    "/.well-known/oauth-authorization-server/oauth",  # RFC 8414 section 3
    "/oauth/.well-known/openid-configuration",  # OpenID Connect Discovery 1.0
    "/oauth/.well-known/oauth-authorization-server",  # the path served before
]


def test_the_three_documents_are_one_and_complete(client):
    documents = [client.get(path) for path in PATHS]
    assert all(d.status_code == 200 for d in documents)
    first = documents[0].json()
    assert all(d.json() == first for d in documents)
    assert first["issuer"] == "http://testserver/oauth"
    assert first["grant_types_supported"] == [
        "authorization_code",
        "client_credentials",
        "refresh_token",
    ]
    assert first["response_types_supported"] == ["code"]
    assert first["code_challenge_methods_supported"] == ["S256"]
    assert first["id_token_signing_alg_values_supported"] == ["RS256"]
    assert {"openid", "users:read", "admin"} <= set(first["scopes_supported"])


def test_every_advertised_endpoint_answers(client, admin):
    metadata = client.get(PATHS[0]).json()
    reg = service_client(client, admin.key)
    auth = basic(reg["client_id"], reg["client_secret"])
    base = "http://testserver"
    assert client.get(metadata["jwks_uri"].removeprefix(base)).json()["keys"]
    token = client.post(
        metadata["token_endpoint"].removeprefix(base),
        data={"grant_type": "client_credentials"},
        headers=auth,
    )
    assert token.status_code == 200
    access = token.json()["access_token"]
    for key in ("introspection_endpoint", "revocation_endpoint"):
        answer = client.post(metadata[key].removeprefix(base), data={"token": access}, headers=auth)
        assert answer.status_code == 200, key
    authorize = client.get(metadata["authorization_endpoint"].removeprefix(base))
    assert authorize.status_code == 400 and "text/html" in authorize.headers["content-type"]
    userinfo = client.get(metadata["userinfo_endpoint"].removeprefix(base))
    assert userinfo.status_code == 401


def test_public_url_is_the_issuer(client, monkeypatch):
    from charter.platform import runtime

    monkeypatch.setattr(runtime.current().settings, "public_url", "https://api.example.com")
    for path in PATHS:
        document = client.get(path).json()
        assert document["issuer"] == "https://api.example.com/oauth"
        assert document["token_endpoint"] == "https://api.example.com/oauth/token"


def test_oauth_tokens_work_on_v1_and_v2(client, admin):
    reg = service_client(client, admin.key, scopes=("read:data", "write:data"))
    auth = basic(reg["client_id"], reg["client_secret"])
    token = client.post("/oauth/token", data={"grant_type": "client_credentials"}, headers=auth)
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
    created = client.post("/v2/data/oauth_things", json={"data": {"a": 1}}, headers=bearer)
    assert created.status_code == 201, created.text
    record_id = created.json()["id"]
    assert client.get(f"/v2/data/oauth_things/{record_id}", headers=bearer).status_code == 200
    assert client.get("/v1/data", headers=bearer).status_code == 200
    assert client.get("/v1/users", headers=bearer).status_code == 403  # users:read not granted


def test_in_development_the_issuer_follows_the_host(client):
    document = client.get(PATHS[0], headers={"Host": "dev.example.test:8080"}).json()
    assert document["issuer"] == "http://dev.example.test:8080/oauth"


def test_production_without_a_public_url_refuses_to_take_the_issuer_from_the_host(
    client, admin, monkeypatch
):
    """A token's `iss` and `aud`, the discovery document's endpoints and the authorization
    redirects' `iss` came from the Host header the caller sends: in production every use of the
    issuer answers 503 until CHARTER_PUBLIC_URL is set (the files share links' check)."""
    from charter.platform import runtime

    reg = service_client(client, admin.key)
    auth = basic(reg["client_id"], reg["client_secret"])
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "env", "production")
    monkeypatch.setattr(settings, "public_url", "")
    evil = {"Host": "login.evil.example"}
    for path in PATHS:
        refused = client.get(path, headers=evil)
        assert refused.status_code == 503, (path, refused.text)
        assert refused.json()["error"] == "temporarily_unavailable"
        assert "CHARTER_PUBLIC_URL" in refused.json()["error_description"]
        assert "evil" not in refused.text
    for path, form in [
        ("/oauth/token", {"grant_type": "client_credentials"}),
        ("/oauth/introspect", {"token": "t"}),
    ]:
        refused = client.post(path, data=form, headers={**auth, **evil})
        assert refused.status_code == 503, (path, refused.text)
        assert refused.json()["error"] == "temporarily_unavailable"
        assert refused.headers["cache-control"] == "no-store"
    page = client.get("/oauth/authorize?client_id=x", headers=evil)
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "CHARTER_PUBLIC_URL" in page.text and page.headers["x-frame-options"] == "DENY"
    assert client.get("/oauth/jwks.json", headers=evil).status_code == 200  # names no origin
    monkeypatch.setattr(settings, "public_url", "https://api.example.com")
    for path in PATHS:
        assert client.get(path, headers=evil).json()["issuer"] == "https://api.example.com/oauth"
    token = client.post("/oauth/token", data={"grant_type": "client_credentials"}, headers=auth)
    assert token.status_code == 200, token.text
    seen = client.post(
        "/oauth/introspect", data={"token": token.json()["access_token"]}, headers=auth
    )
    assert seen.json()["iss"] == "https://api.example.com/oauth"
    assert seen.json()["aud"] == "https://api.example.com"
