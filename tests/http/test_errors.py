"""Errors on every surface: the documented envelope and codes, never a leaked internal."""

from __future__ import annotations

import logging
import uuid

import pytest

from tests import db as testdb

ENVELOPE_CASES = [
    # name, surface path, expected code
    ("v1 unknown path", "/v1/no-such-thing", "RESOURCE_NOT_FOUND"),
    ("v2 unknown path", "/v2/no-such-thing", "NOT_FOUND"),
    ("ingestion unknown path", "/api/v1/no-such-thing", "NOT_FOUND"),
]


@pytest.mark.parametrize("name,path,code", ENVELOPE_CASES, ids=[c[0] for c in ENVELOPE_CASES])
def test_not_found_in_surface_envelope(client, name, path, code):
    response = client.get(path)
    assert response.status_code == 404
    body = response.json()
    assert body["error"]["code"] == code
    assert body["request_id"] == response.headers["x-request-id"]
    if path.startswith("/api/v1"):
        assert body["success"] is False and body["timestamp"].endswith("Z")


def test_oauth_errors_follow_rfc6749(client):
    response = client.post("/oauth/.well-known/oauth-authorization-server")
    assert response.status_code == 405
    assert response.json()["error"] == "invalid_request"
    assert response.headers["allow"] == "GET"


UNAUTHENTICATED = [
    ("/v1/organizations", "AUTHENTICATION_FAILED"),
    ("/api/v1/status", "AUTHENTICATION_ERROR"),
]


@pytest.mark.parametrize("path,code", UNAUTHENTICATED)
def test_missing_credentials_is_401_in_envelope(client, path, code):
    response = client.get(path)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == code
    assert "Bearer" in response.headers["www-authenticate"]


def test_method_not_allowed_lists_documented_methods(client, admin):
    response = client.post("/v1/health", headers={"X-API-Key": admin.key})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert response.headers["allow"] == "GET"


def test_validation_error_names_the_field_and_changes_nothing(client, superuser):
    headers = {"X-API-Key": superuser.key}
    before = client.get("/v1/organizations?limit=100", headers=headers).json()["total"]
    response = client.post("/v1/organizations", json={"name": "", "plan": "free"}, headers=headers)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert error["details"][0]["field"] == "body.name"
    assert client.get("/v1/organizations?limit=100", headers=headers).json()["total"] == before


@pytest.mark.parametrize(
    "query,field",
    [("limit=0", "query.limit"), ("limit=abc", "query.limit"), ("bogus=1", "query.bogus")],
)
def test_query_errors_name_the_parameter(client, admin, query, field):
    response = client.get(f"/v1/organizations?{query}", headers={"X-API-Key": admin.key})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == field


def test_unknown_body_property_is_rejected(client, superuser):
    name = f"Colored {uuid.uuid4().hex[:8]}"
    response = client.post(
        "/v1/organizations",
        json={"name": name, "color": "red"},
        headers={"X-API-Key": superuser.key},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "body.color"
    assert testdb.count_organizations(name) == 0


def test_invalid_utf8_body_is_400_not_500(client, superuser):
    response = client.post(
        "/v1/organizations",
        content=b'{"name": "\xff\xfe"}',
        headers={"X-API-Key": superuser.key, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "body"


def test_problem_details_on_request(client):
    response = client.get("/v2/no-such-thing", headers={"Accept": "application/problem+json"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 404 and body["code"] == "NOT_FOUND" and body["title"] == "Not Found"
    assert body["request_id"] == response.headers["x-request-id"]


def test_request_id_is_echoed_when_well_formed_and_replaced_otherwise(client):
    good = client.get("/v1/health", headers={"X-Request-Id": "client-abc.123"})
    assert good.headers["x-request-id"] == "client-abc.123"
    bad = client.get("/v1/health", headers={"X-Request-Id": "bad id with spaces <script>"})
    assert bad.headers["x-request-id"].startswith("req_")


def test_oversize_body_is_413(client, superuser, settings):
    payload = b'{"name": "' + b"a" * (settings.max_body_bytes + 1) + b'"}'
    response = client.post(
        "/v1/organizations",
        content=payload,
        headers={"X-API-Key": superuser.key, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_oversize_chunked_body_is_413(client, superuser, settings):
    def chunks():
        for _ in range(settings.max_body_bytes // 65536 + 2):
            yield b"a" * 65536

    response = client.post(
        "/v1/organizations",
        content=chunks(),
        headers={"X-API-Key": superuser.key, "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_chunked_body_is_validated_not_treated_as_missing(client, superuser):
    def chunks():
        yield b'{"name": '
        yield b'"Chunked Co"}'

    response = client.post(
        "/v1/organizations",
        content=chunks(),
        headers={"X-API-Key": superuser.key, "Content-Type": "application/json"},
    )
    assert response.status_code == 201
    assert response.json()["data"]["name"] == "Chunked Co"


def test_long_url_is_414(client):
    response = client.get("/v1/health?x=" + "a" * 9000)
    assert response.status_code == 414
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_large_headers_are_431(client):
    response = client.get("/v1/health", headers={f"X-Filler-{i}": "a" * 1000 for i in range(40)})
    assert response.status_code == 431


def test_too_many_query_parameters_is_400(client):
    query = "&".join(f"p{i}=1" for i in range(51))
    response = client.get(f"/v1/health?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "query"


def test_unexpected_exception_is_500_with_request_id_and_no_internals(
    client, admin, monkeypatch, caplog
):
    from charter.identity import organizations

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(organizations, "get_all", explode)
    with caplog.at_level(logging.ERROR, logger="charter"):
        response = client.get("/v1/organizations", headers={"X-API-Key": admin.key})
    assert response.status_code == 500
    body = response.json()
    assert body["error"]["code"] == "INTERNAL_ERROR"
    assert "secret internal detail" not in response.text
    assert body["request_id"] == response.headers["x-request-id"]
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert logged and logged[0].exc_info is not None
    assert logged[0].fields["request_id"] == body["request_id"]


def test_deprecated_operations_announce_deprecation_and_sunset(client):
    # GET /v1/health/alive is marked deprecated, with an x-sunset, in openapi/v1/paths/health.yaml.
    response = client.get("/v1/health/alive")
    assert response.status_code == 200
    assert response.headers["deprecation"] == "true"
    assert response.headers["sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response.json() == client.get("/v1/health/live").json()
    assert "deprecation" not in client.get("/v1/health/live").headers


def test_nul_characters_are_rejected_with_the_field_named(client, make_tenant):
    admin = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": admin.key}
    before = client.get(f"/v1/organizations/{admin.organization_id}", headers=headers).json()[
        "data"
    ]
    query = client.get("/v1/audit?action=a%00b", headers=headers)
    assert query.status_code == 422
    assert query.json()["error"]["details"][0]["field"] == "query.action"
    path = client.get("/v1/users/usr%00x", headers=headers)
    assert path.status_code == 422 and path.json()["error"]["details"][0]["field"] == "path"
    body = client.patch(
        f"/v1/organizations/{admin.organization_id}", headers=headers, json={"name": "a\u0000b"}
    )
    assert body.status_code == 422 and body.json()["error"]["details"][0]["field"] == "body"
    after = client.get(f"/v1/organizations/{admin.organization_id}", headers=headers).json()["data"]
    assert after == before


@pytest.mark.parametrize(
    "path", ["/v1//users", "//v1/users", "/api/v1//status", "/v2//auth/login", "/oauth//x"]
)
def test_double_slashes_are_a_404_in_the_envelope_without_credentials(client, path):
    response = client.get(path)
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert "request_id" in body or "error" in body


SLASHED = [
    # a documented path with a trailing slash (or an encoded one), the surface's 404 code
    ("/v1/users/", "RESOURCE_NOT_FOUND"),
    ("/v1/users/%2F", "RESOURCE_NOT_FOUND"),
    ("/v1/health/live/", "RESOURCE_NOT_FOUND"),
    ("/v2/files/", "NOT_FOUND"),
    ("/v2/files/%2F", "NOT_FOUND"),
    ("/v2/files/%2F/", "NOT_FOUND"),
    ("/api/v1/webhooks/", "NOT_FOUND"),
    ("/api/v1/status/", "NOT_FOUND"),
    ("/oauth/token/", "not_found"),
    ("/oauth/jwks.json/", "not_found"),
]


@pytest.mark.parametrize("method", ["GET", "DELETE", "POST"])
@pytest.mark.parametrize("path,code", SLASHED)
def test_a_trailing_slash_is_the_surfaces_404_not_a_redirect(client, admin, method, path, code):
    # Starlette's routers answered these with a 307 to the path without the slash, outside the
    # envelope: a DELETE /v2/files/%2F was sent on to /v2/files.
    headers = {"X-API-Key": admin.key}
    response = client.request(method, path, headers=headers, follow_redirects=False)
    assert response.status_code == 404, response.text
    assert "location" not in response.headers
    body = response.json()
    if path.startswith("/oauth"):
        assert body["error"] == code
    else:
        assert (
            body["error"]["code"] == code and body["request_id"] == response.headers["x-request-id"]
        )
    if path.startswith("/api/v1"):
        assert body["success"] is False
