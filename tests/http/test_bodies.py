"""Request bodies: media types and size limits per operation, bounded JSON, validation messages
that never echo a secret, and the request deadline covering the body (issue 7: 8, 11, 12, 18a)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import socket
import time

import pytest

from charter.http import rendering, validation
from charter.http.pipeline import STAGES, Pipeline
from charter.http.pipeline.base import Stage
from charter.http.pipeline.context import RequestContext
from charter.http.pipeline.execution import Deadline
from charter.http.pipeline.limits import BufferBody, RequestLimits, body_limit
from charter.platform import errors, runtime
from charter.platform.spec import iter_operations, operation_for
from tests import db as testdb
from tests.factories import create_key, create_user

JSON = {"Content-Type": "application/json"}


def _expected_status(error: errors.CharterError, surface: str) -> int:
    """The status the surface answers this error with (/v2 binds some codes to statuses)."""
    return rendering.render(error, surface=surface, request_id="", path="", accept=None).status


# --- 8: validation messages ---------------------------------------------------------------------


def test_a_short_password_is_named_but_never_quoted(client, superuser):
    headers = {"X-API-Key": superuser.key}
    body = {"username": "short.pw", "email": "short.pw@example.com", "password": "hunter2pw"}
    response = client.post("/v1/users", json=body, headers=headers)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"][0]["field"] == "body.password"
    assert "too short (at least 12 characters)" in error["details"][0]["message"]
    assert error["message"].startswith("Request failed validation: body.password: ")
    assert "hunter2pw" not in response.text


@pytest.mark.parametrize(
    "path,body,field,secret",
    [
        (
            "/v1/users",
            {"username": "a.b", "email": "a.b@example.com", "password": 981273645012345},
            "body.password",
            "981273645012345",
        ),
        (
            "/v1/users/batch",
            {"users": [{"username": "c.d", "email": "c.d@example.com", "password": "Tr0ub4dor&3"}]},
            "body.users.0.password",
            "Tr0ub4dor&3",
        ),
        (
            "/v1/organizations",
            {
                "name": "Pw Org",
                "admin": {
                    "username": "pw.admin",
                    "email": "pw@example.com",
                    "password": "x" * 1025 + "SEKRET",
                },
            },
            "body.admin.password",
            "SEKRET",
        ),
        (
            "/v2/auth/login",
            {"username": "someone", "password": "pass-word"},
            "body.password",
            "pass-word",
        ),
        (
            "/v2/auth/login",
            {"username": "someone", "password": "a" * 12, "mfa_code": "zq9xw"},
            "body.mfa_code",
            "zq9xw",
        ),
        ("/v2/auth/refresh", {"refresh_token": "rt_" + "Q" * 300}, "body.refresh_token", "QQQQ"),
        (
            "/api/v1/auth/login",
            {"username": "someone", "password": "k" * 1024 + "LEAKED"},
            "body.password",
            "LEAKED",
        ),
        (
            "/v1/auth/verify",
            {"user_id": "usr_x", "method": "totp", "code": "Z" * 33},
            "body.code",
            "ZZZZ",
        ),
    ],
)
def test_secret_fields_are_never_echoed(client, superuser, path, body, field, secret):
    response = client.post(path, json=body, headers={"X-API-Key": superuser.key})
    assert response.status_code == 400, response.text
    details = response.json()["error"]["details"]
    first = details["errors"][0] if isinstance(details, dict) else details[0]
    assert first["field"] == field
    assert secret not in response.text


def test_totp_codes_are_never_echoed(client, admin):
    user = create_user(admin.organization_id)
    response = client.post(
        f"/v1/users/{user.id}/mfa/totp/confirm",
        json={"code": "zq9xw"},
        headers={"X-API-Key": admin.key},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "body.code"
    assert "zq9xw" not in response.text


def test_other_values_are_quoted_but_only_a_little(client, superuser):
    headers = {"X-API-Key": superuser.key}
    response = client.post("/v1/organizations", json={"name": "n" * 500_000}, headers=headers)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"][0]["field"] == "body.name"
    assert error["details"][0]["message"].startswith("'" + "n" * validation.QUOTE_CHARS + "'...")
    assert len(response.content) < 1000
    unknown = client.post(
        "/v1/organizations", json={"name": "ok", "k" * 100_000: 1}, headers=headers
    )
    assert unknown.status_code == 400 and len(unknown.content) < 1000
    assert unknown.json()["error"]["details"][0]["message"] == "is not a known property"


def test_form_bodies_are_described_the_same_way():
    schema = {
        "type": "object",
        "properties": {
            "grant_type": {"type": "string", "enum": ["password"]},
            "password": {"type": "string", "format": "password", "minLength": 12},
        },
    }
    form = validation.FormBodyValidator(schema=schema, encoding="utf-8", strict_validation=True)
    with pytest.raises(errors.Malformed) as short:
        form._validate({"grant_type": "password", "password": "hunter2pw"})
    assert short.value.errors[0].field == "body.password" and "hunter2pw" not in str(short.value)
    with pytest.raises(errors.Malformed) as unknown:
        form._validate({"grant_type": "password", "scope_": "x"})
    assert unknown.value.errors[0].field == "body.scope_"


def test_query_values_are_quoted_but_only_a_little(client, admin):
    response = client.get("/v1/organizations?limit=" + "9" * 5000, headers={"X-API-Key": admin.key})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "query.limit"
    assert len(response.content) < 1000


# --- 11: media types ----------------------------------------------------------------------------

NO_CONTENT_TYPE = [
    ("v1", "/v1/organizations", b'{"name": "No Type Co"}', True),
    ("v2", "/v2/auth/login", b'{"username": "x", "password": "correct horse battery"}', False),
    ("ingestion", "/api/v1/auth/login", b'{"username": "x", "password": "y"}', False),
]


@pytest.mark.parametrize("surface,path,body,auth", NO_CONTENT_TYPE)
def test_a_body_without_content_type_is_refused_in_the_envelope(
    client, superuser, surface, path, body, auth
):
    headers = {"X-API-Key": superuser.key} if auth else {}
    response = client.post(path, content=body, headers=headers)
    assert "content-type" not in {k.lower() for k in response.request.headers}
    expected = errors.UnsupportedMediaType()
    assert response.status_code == _expected_status(expected, surface)
    error = response.json()["error"]
    assert error["code"] == rendering.code_for(expected, surface)
    assert "Content-Type" in error["message"]
    if surface == "ingestion":
        assert response.json()["success"] is False


def test_rolling_a_key_without_content_type_does_not_revoke_it(client, admin):
    _, key_id = create_key(admin.organization_id, scopes=["keys:read"])
    response = client.post(
        f"/v1/keys/{key_id}/roll",
        content=b'{"grace_seconds": 3600}',
        headers={"X-API-Key": admin.key},
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert response.headers["accept"] == "application/json"
    assert testdb.key_state(key_id)["revoked_at"] is None


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/jsonx",
    ],
)
def test_media_types_the_operation_does_not_list_are_415(client, superuser, content_type):
    response = client.post(
        "/v1/organizations",
        content=b'{"name": "Typed Co"}',
        headers={"X-API-Key": superuser.key, "Content-Type": content_type},
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert testdb.count_organizations("Typed Co") == 0


def test_json_with_parameters_and_any_case_is_accepted(client, superuser):
    response = client.post(
        "/v1/organizations",
        content=b'{"name": "Charset Co"}',
        headers={"X-API-Key": superuser.key, "Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert response.status_code == 201


def test_an_unknown_charset_is_415_not_500(client, superuser):
    response = client.post(
        "/v1/organizations",
        content=b'{"name": "Charset Co"}',
        headers={"X-API-Key": superuser.key, "Content-Type": "application/json;charset=nope"},
    )
    assert response.status_code == 415


def test_a_body_for_an_operation_without_one_is_415(client, admin):
    user = create_user(admin.organization_id)
    response = client.post(
        f"/v1/users/{user.id}/unlock", json={"force": True}, headers={"X-API-Key": admin.key}
    )
    assert response.status_code == 415
    assert response.json()["error"]["message"] == "This operation takes no request body"
    empty = client.post(f"/v1/users/{user.id}/unlock", headers={"X-API-Key": admin.key, **JSON})
    assert empty.status_code == 200  # a Content-Type on an empty body is no body


# --- 11: size limits per operation --------------------------------------------------------------


def test_json_operations_default_to_the_json_body_limit(client, superuser, settings):
    assert settings.max_json_body_bytes < settings.max_body_bytes
    payload = b'{"name": "' + b"a" * settings.max_json_body_bytes + b'"}'
    headers = {"X-API-Key": superuser.key, **JSON}
    declared = client.post("/v1/organizations", content=payload, headers=headers)
    assert declared.status_code == 413
    assert declared.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"
    assert str(settings.max_json_body_bytes) in declared.json()["error"]["message"]

    def chunks():
        for start in range(0, len(payload), 65536):
            yield payload[start : start + 65536]

    streamed = client.post("/v1/organizations", content=chunks(), headers=headers)
    assert streamed.status_code == 413


def test_body_limit_comes_from_the_operation(app, settings):
    operation = operation_for("POST", "/v1/organizations")
    assert body_limit(operation) == settings.max_json_body_bytes
    assert body_limit(dataclasses.replace(operation, body_limit=2048)) == 2048
    form = dataclasses.replace(operation, media_types=("application/x-www-form-urlencoded",))
    assert body_limit(form) == settings.max_json_body_bytes
    upload = dataclasses.replace(operation, media_types=("multipart/form-data",))
    assert body_limit(upload) == settings.max_body_bytes
    assert body_limit(None) == settings.max_body_bytes


def test_x_body_limit_is_read_from_the_spec():
    def spec(limit):
        op = {
            "operationId": "upload_file",
            "x-body-limit": limit,
            "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object"}}}},
        }
        return {"paths": {"/files": {"post": op}}}

    (info, _), *_ = iter_operations(spec(50 * 1024 * 1024), "v2")
    assert info.body_limit == 50 * 1024 * 1024 and info.media_types == ("multipart/form-data",)
    for wrong in (0, -1, "10MB", True):
        with pytest.raises(ValueError, match="x-body-limit"):
            list(iter_operations(spec(wrong), "v2"))


def _small_limit(limit: int) -> type[Stage]:
    class SmallLimit(Stage):
        async def handle(self, scope, receive, send):
            state = scope["charter"]
            state.operation = dataclasses.replace(state.operation, body_limit=limit)
            await self.app(scope, receive, send)

    return SmallLimit


def _run(app, scope, chunks, stall=False):
    """Drive an ASGI app with a body in chunks (then, if `stall`, nothing more, ever)."""
    messages: list = []
    parts = list(chunks)

    async def receive():
        if parts:
            chunk = parts.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(parts) or stall}
        if stall:
            await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    async def send(message):
        messages.append(message)

    asyncio.run(asyncio.wait_for(app(scope, receive, send), 5))
    start = next(m for m in messages if m["type"] == "http.response.start")
    headers = {k.decode(): v.decode() for k, v in start.get("headers", [])}
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], headers, body


def _scope(path, headers, method="POST"):
    return {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("10.0.0.1", 1),
    }


def _ok(seen: list):
    async def app(scope, receive, send):
        seen.append((await receive())["body"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def test_an_operations_own_limit_applies_declared_or_streamed(app):
    seen: list = []
    stages = (RequestContext, _small_limit(2048), RequestLimits, BufferBody)
    pipeline = Pipeline(_ok(seen), stages=stages)
    body = b'{"name": "' + b"a" * 2100 + b'"}'
    declared = _scope("/v2/auth/login", {**JSON, "Content-Length": str(len(body))})
    status, _, payload = _run(pipeline, declared, [body])
    assert status == 413 and json.loads(payload)["error"]["code"] == "PAYLOAD_TOO_LARGE"
    status, _, _ = _run(pipeline, _scope("/v2/auth/login", JSON), [body[:1000], body[1000:]])
    assert status == 413 and seen == []
    status, _, _ = _run(pipeline, _scope("/v2/auth/login", JSON), [b'{"a": 1}'])
    assert status == 200 and seen == [b'{"a": 1}']


# --- 12: bounded JSON ---------------------------------------------------------------------------

BOUNDED = [
    ("huge integer", b'{"name": ' + b"9" * 5000 + b"}", "digits"),
    ("deep arrays", b"[" * 100_000 + b"]" * 100_000, "nested deeper than 64"),
    ("deep inside an object", b'{"name": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested"),
    ("just too deep", b'{"name": ' + b"[" * 64 + b"]" * 64 + b"}", "nested deeper than 64"),
    ("NaN", b'{"name": NaN}', "NaN is not a JSON value"),
    ("escaped NUL, deep", b'{"a": ' + b"[" * 5000 + b'"\\u0000"' + b"]" * 5000 + b"}", "nested"),
]


@pytest.mark.parametrize("name,body,reason", BOUNDED, ids=[b[0] for b in BOUNDED])
@pytest.mark.parametrize("surface,path", [("v1", "/v1/organizations"), ("v2", "/v2/auth/login")])
def test_unbounded_json_is_400_without_a_traceback(
    client, superuser, caplog, name, body, reason, surface, path
):
    with caplog.at_level(logging.ERROR):
        response = client.post(path, content=body, headers={"X-API-Key": superuser.key, **JSON})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == rendering.code_for(errors.Malformed(), surface)
    assert reason in error["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_nesting_limit_is_exact():
    allowed = "[" * validation.MAX_JSON_DEPTH + "]" * validation.MAX_JSON_DEPTH
    assert validation.parse_json(allowed) is not None
    with pytest.raises(errors.Malformed):
        validation.parse_json("[" + allowed + "]")
    flat = "[" + ",".join(["[]"] * 1000) + "]"  # many brackets, shallow
    assert len(validation.parse_json(flat)) == 1000


# --- 18a: the deadline covers the body ----------------------------------------------------------


def test_a_stalled_body_gets_408_within_the_deadline(app, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "timeout_standard", 0.2)
    seen: list = []
    # The stages in production order: the deadline must be running while the body is read.
    stages = tuple(s for s in STAGES if s in (RequestContext, Deadline, BufferBody))
    started = time.monotonic()
    status, headers, body = _run(
        Pipeline(_ok(seen), stages=stages), _scope("/v1/organizations", JSON), [b'{"na'], True
    )
    assert status == 408 and headers["connection"] == "close"
    assert json.loads(body)["error"]["code"] == "TIMEOUT" and seen == []
    assert time.monotonic() - started < 2


def test_a_slow_client_is_answered_408_and_disconnected(live_server, superuser, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "timeout_standard", 0.5)
    head = (
        "POST /v1/organizations HTTP/1.1\r\nHost: localhost\r\n"
        f"X-API-Key: {superuser.key}\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(head.encode() + b'{"name": "Sl')
        started = time.monotonic()
        received = b""
        while chunk := sock.recv(65536):  # until the server closes the connection
            received += chunk
        elapsed = time.monotonic() - started
    assert received.startswith(b"HTTP/1.1 408 ")
    assert json.loads(received.split(b"\r\n\r\n", 1)[1])["error"]["code"] == "TIMEOUT"
    assert 0.4 < elapsed < 4


def test_schema_patterns_end_at_the_end_of_the_text():
    ecma_pattern = validation.ecma_pattern
    # ECMA-262's `$` (JSON Schema's dialect): no match before a final line break, as Python's
    assert ecma_pattern("^[a-z]+$").search("abc")
    assert not ecma_pattern("^[a-z]+$").search("abc\n")
    # a `$` inside a class, or escaped, is the character
    assert ecma_pattern("^[$a]+$").search("a$a") and not ecma_pattern("^[$a]+$").search("a$\n")
    assert ecma_pattern(r"^a\$$").search("a$") and not ecma_pattern(r"^a\$$").search("a$\n")
