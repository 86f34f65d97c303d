"""Every header a response sends is declared for it in the spec (issue 7 item 26).

Real responses, through the app, are matched to the response object that documents them: the
operation's entry for the status, else its `4XX`/`5XX` range, else `default`. A 405 belongs to no
operation: it is matched against the operations of its path. Each non-transport header the
response carries must be listed under that object's `headers`.

The declarations are also held to what the pipeline does (`charter/http/pipeline/`): rate-limit
headers on the responses of counted operations only, deprecation headers on deprecated ones
only, `Idempotent-Replayed` on the 2xx of replaying POSTs only, `X-Request-Id` everywhere.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from charter.platform import runtime
from charter.platform.ratelimit import UNLIMITED, parse_rate
from charter.platform.spec import (
    SURFACES,
    OperationInfo,
    allowed_methods,
    bundled_spec,
    iter_operations,
    operation_for,
)
from tests.factories import PASSWORD, create_key, create_record, create_user, record_event
from tests.files.factories import create_file, create_share
from tests.oauth.factories import create_oauth_client
from tests.webhooks.factories import create_webhook

# Not declared: `Content-Type` is the response's `content` (OpenAPI 3.0 ignores a header of that
# name); `Content-Length`, `Transfer-Encoding`, `Connection` and `Keep-Alive` frame the message
# (hop by hop, RFC 9110 section 7.6.1); `Date` and `Server` are added by the HTTP server.
TRANSPORT_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "date",
        "server",
    }
)
RATE_LIMIT_HEADERS = frozenset(
    {
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "ratelimit",
        "ratelimit-policy",
    }
)
SPECS = {surface: bundled_spec(surface) for surface in SURFACES}
_unique = itertools.count(1)
# Operations that take the spare user's own session (a refresh token, or its access token).
SESSION_OPERATIONS = {
    ("v2", "refresh_session"),
    ("v2", "log_out"),
    ("v1", "start_totp_enrollment"),
    ("v1", "confirm_totp"),
    ("v1", "disable_totp"),
}
# Query strings a cheap request needs: the event stream answers at once with max_wait=0.
QUERIES = {("v2", "stream_events"): "?max_wait=0"}


def _deref(spec: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s to the object they name."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _operation(info: OperationInfo) -> dict[str, Any]:
    return SPECS[info.surface]["paths"][info.path][info.method.lower()]


def _response_object(info: OperationInfo, status: int | str) -> dict[str, Any]:
    responses = _operation(info)["responses"]
    status = str(status)
    key = next(k for k in (status, f"{status[0]}XX", "default") if k in responses)
    return _deref(SPECS[info.surface], responses[key])


def declared_headers(info: OperationInfo, status: int | str) -> set[str]:
    return {name.lower() for name in _response_object(info, status).get("headers", {})}


def _operations_answering(method: str, path: str) -> list[OperationInfo]:
    info = operation_for(method, path)
    if info is not None:
        return [info]
    methods = allowed_methods(path) or ()
    found = [operation_for(m, path) for m in methods]
    return [info for info in found if info is not None]


def assert_headers_declared(response) -> None:
    """Every non-transport header of `response` is declared for its operation and status."""
    method, path, status = response.request.method, response.request.url.path, response.status_code
    operations = _operations_answering(method, path)
    assert operations, f"{method} {path} is no operation of the specs"
    sent = {name.lower() for name in response.headers.keys()} - TRANSPORT_HEADERS
    for info in operations:
        undeclared = sent - declared_headers(info, status)
        assert not undeclared, (
            f"{method} {path} -> {status}: {sorted(undeclared)} not declared in the "
            f"{info.surface} spec for {info.operation_id} {status}"
        )


# -- every operation, one cheap valid request (and its replay) -----------------------------------


def _all_operations() -> Iterator[OperationInfo]:
    for surface in SURFACES:
        for info, _ in iter_operations(SPECS[surface], surface):
            yield info


@pytest.fixture(scope="module")
def tenant(make_tenant):
    """A superuser on a counted plan: its responses carry the rate-limit headers."""
    return make_tenant(plan="enterprise", superuser=True)


@pytest.fixture
def world(tenant, make_tenant):
    """Fresh resources for one operation to read, change or consume."""
    spare = create_user(tenant.organization_id)
    _, key_id = create_key(tenant.organization_id, scopes=["users:read"])
    return {
        "tenant": tenant,
        "username": spare.username,
        "path": {
            "organization_id": make_tenant(plan="pro").organization_id,
            "user_id": spare.id,
            "key_id": key_id,
            "event_id": record_event(tenant.organization_id),
            "collection": "headers",
            "name": "headers",
            "record_id": create_record(tenant.organization_id, "headers"),
            "v1_record_id": create_record(tenant.organization_id, "default"),
            **create_webhook(tenant.organization_id, status="enabled"),
            **_file_and_share(tenant.organization_id),
            **create_oauth_client(tenant.organization_id),
        },
    }


def _file_and_share(organization_id: str) -> dict[str, str]:
    file_id = create_file(organization_id)
    share_id, token = create_share(organization_id, file_id, password="8nT2kQwLx5Vb9mRa")
    return {"file_id": file_id, "share_id": share_id, "token": token}


def _fresh(value: Any) -> Any:
    """The spec's example with fresh values where a value must be unique."""
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    if not isinstance(value, dict):
        return value
    n = f"{next(_unique)}{uuid.uuid4().hex[:6]}"
    fresh = {k: _fresh(v) for k, v in value.items()}
    for field, make in (("username", "hdr{}"), ("email", "hdr{}@example.com"), ("name", "Hdr {}")):
        if field in fresh:
            fresh[field] = make.format(n)
    return fresh


def _example_body(info: OperationInfo) -> Any:
    content = _operation(info).get("requestBody", {}).get("content", {})
    media = content.get("application/json")
    if media is None:
        return None
    if "example" in media:
        return media["example"]
    if "examples" in media:
        return next(iter(media["examples"].values()))["value"]
    return _deref(SPECS[info.surface], media["schema"]).get("example")


def _request(client, info: OperationInfo, world: dict[str, Any]) -> dict[str, Any]:
    """A cheap valid request: the spec's example body, fresh resources, the tenant's key (a
    session of the spare user where the operation needs one), a new `Idempotency-Key` on POST."""
    body = _fresh(_example_body(info))
    headers = {} if info.public else {"X-API-Key": world["tenant"].key}
    if isinstance(body, dict) and "user_id" in body:
        body["user_id"] = world["path"]["user_id"]
    if info.path == "/auth/login":
        body.update(username=world["username"], password=PASSWORD)
    if (info.surface, info.operation_id) in SESSION_OPERATIONS:
        login = {"username": world["username"], "password": PASSWORD}
        tokens = client.post("/v2/auth/login", json=login).json()
        if info.operation_id == "refresh_session":
            body = {"refresh_token": tokens["refresh_token"]}
        else:
            headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    if info.method == "POST":
        headers["Idempotency-Key"] = str(uuid.uuid4())
    ids = dict(world["path"])
    if info.surface == "v1":
        ids["record_id"] = ids["v1_record_id"]  # /v1/data's records live in `default`
    path = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], info.path)
    return {
        "method": info.method,
        "url": SURFACES[info.surface] + path + QUERIES.get((info.surface, info.operation_id), ""),
        "json": body,
        "headers": headers,
    }


def _operation_id(info: OperationInfo) -> str:
    return f"{info.surface}-{info.method}-{info.path}"


@pytest.mark.parametrize("info", list(_all_operations()), ids=_operation_id)
def test_every_operation_declares_the_headers_it_sends(client, world, info):
    request = _request(client, info, world)
    response = client.request(**request)
    assert_headers_declared(response)
    if info.method == "POST" and 200 <= response.status_code < 300:
        # Replayed; or refused when the answer is not kept (`no-replay`); or, when the first
        # request ended the credential it used (log out), unauthenticated: replays check it.
        again = client.request(**request)
        replayed = "idempotent-replayed" in again.headers
        assert replayed == (info.replays and again.status_code == response.status_code)
        assert_headers_declared(again)


# -- the responses of the pipeline and the shared error responses -------------------------------


def test_created_with_location_and_its_replay(client, world):
    headers = {"X-API-Key": world["tenant"].key, "Idempotency-Key": str(uuid.uuid4())}
    body = _fresh({"username": "", "email": "", "password": PASSWORD})
    first = client.post("/v1/users", json=body, headers=headers)
    replay = client.post("/v1/users", json=body, headers=headers)
    assert first.status_code == replay.status_code == 201
    assert {"location", "x-ratelimit-limit"} <= set(first.headers.keys())
    assert replay.headers["idempotent-replayed"] == "true"
    assert_headers_declared(first)
    assert_headers_declared(replay)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/v1/users"),
        ("GET", "/v2/auth/login"),
        ("POST", "/api/v1/status"),
        ("POST", "/oauth/.well-known/oauth-authorization-server"),
    ],
)
def test_method_not_allowed(client, world, method, path):
    response = client.request(method, path, headers={"X-API-Key": world["tenant"].key})
    assert response.status_code == 405 and "allow" in response.headers
    assert_headers_declared(response)


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/users"), ("POST", "/v2/auth/api-keys"), ("GET", "/api/v1/status")],
)
def test_unauthenticated(client, method, path):
    response = client.request(method, path, json={} if method == "POST" else None)
    assert response.status_code == 401 and "www-authenticate" in response.headers
    assert_headers_declared(response)


def test_unsupported_media_type_names_what_is_accepted(client, world):
    headers = {"X-API-Key": world["tenant"].key, "Content-Type": "text/plain"}
    response = client.post("/v1/users", content=b"hello", headers=headers)
    assert response.status_code == 415 and response.headers["accept"] == "application/json"
    assert_headers_declared(response)


def test_deprecated_operation_success_and_error(client):
    ok = client.get("/v1/health/alive")
    too_many_parameters = "&".join(f"p{i}=1" for i in range(51))
    error = client.get(f"/v1/health/alive?{too_many_parameters}")
    assert ok.status_code == 200 and error.status_code == 400
    for response in (ok, error):
        assert {"deprecation", "sunset", "x-request-id"} <= set(response.headers.keys())
        assert_headers_declared(response)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/organizations"),
        ("POST", "/v2/auth/logout"),
        ("GET", "/api/v1/status"),
        ("GET", "/oauth/.well-known/oauth-authorization-server"),
    ],
)
def test_rate_limited(client, monkeypatch, method, path):
    limiter = runtime.current().limiter
    monkeypatch.setattr(limiter, "anonymous", parse_rate("1/hour"))
    for _ in range(2):
        response = client.request(method, path)
    assert response.status_code == 429 and "retry-after" in response.headers
    assert_headers_declared(response)


# -- the declarations match what the pipeline sends ---------------------------------------------


def _responses(info: OperationInfo) -> Iterator[tuple[str, set[str]]]:
    for status in _operation(info)["responses"]:
        yield status, declared_headers(info, status)


@pytest.mark.parametrize("info", list(_all_operations()), ids=_operation_id)
def test_conditional_headers_are_declared_exactly_where_they_are_sent(info):
    counted = info.rate_limit != UNLIMITED
    for status, headers in _responses(info):
        where = f"{info.surface} {info.method} {info.path} {status}"
        assert "x-request-id" in headers, where
        assert (RATE_LIMIT_HEADERS <= headers) == counted, where
        assert not (RATE_LIMIT_HEADERS & headers) or counted, where
        assert ("deprecation" in headers) == info.deprecated, where
        assert ("sunset" in headers) == (info.sunset is not None), where
        replayed = info.method == "POST" and info.replays and status.startswith("2")
        assert ("idempotent-replayed" in headers) == replayed, where


def test_every_shared_header_is_described_with_a_valid_example():
    for surface, spec in SPECS.items():
        for name, header in spec["components"].get("headers", {}).items():
            assert header.get("description") and "schema" in header, f"{surface} {name}"
            assert "example" in header, f"{surface} {name}"
            errors = list(OAS30Validator(header["schema"]).iter_errors(header["example"]))
            assert not errors, f"{surface} {name}: {errors}"
