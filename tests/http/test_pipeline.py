"""Pipeline stages, each tested alone around a stub app (no Connexion, no database)."""

from __future__ import annotations

import asyncio
import json

from charter.http.pipeline import Pipeline
from charter.http.pipeline.context import RequestContext
from charter.http.pipeline.execution import Deadline
from charter.http.pipeline.limits import BufferBody, RequestLimits
from charter.platform import runtime


def _scope(path="/v1/health", method="GET", headers=(), query=b"", client=("10.0.0.1", 1)):
    return {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": [(k.encode(), v.encode()) for k, v in headers],
        "client": client,
    }


def _run(app, scope, body=b"", chunks=None):
    """Drive an ASGI app; returns (status, headers, body, what the inner app saw)."""
    messages = []
    parts = chunks or [body]

    async def receive():
        if parts:
            chunk = parts.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(parts)}
        return {"type": "http.disconnect"}

    async def send(message):
        messages.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    headers = {k.decode(): v.decode() for k, v in start.get("headers", [])}
    payload = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return start["status"], headers, payload


def _stub(seen: list):
    async def app(scope, receive, send):
        message = await receive() if scope["method"] in ("POST", "PUT", "PATCH") else {}
        seen.append((scope, message.get("body", b"")))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    return app


def test_request_context_names_the_request_and_resolves_the_operation_once(app):
    seen: list = []
    status, headers, _ = _run(RequestContext(_stub(seen)), _scope("/v1/health/alive"))
    state = seen[0][0]["charter"]
    assert status == 200 and headers["x-request-id"] == state.request_id
    assert state.operation.operation_id == "get_liveness_legacy" and state.surface == "v1"
    assert headers["deprecation"] == "true"  # from the spec, not from the handler
    given = _run(RequestContext(_stub([])), _scope(headers=[("X-Request-Id", "abc-123")]))
    assert given[1]["x-request-id"] == "abc-123"


def test_request_limits_answer_in_the_surface_envelope_without_calling_the_app(app):
    seen: list = []
    stage = Pipeline(_stub(seen), stages=(RequestContext, RequestLimits))
    query = "&".join(f"p{i}=1" for i in range(51)).encode()
    status, _, body = _run(stage, _scope("/api/v1/health", query=query))
    error = json.loads(body)
    assert status == 400 and error["success"] is False
    assert error["error"]["code"] == "VALIDATION_ERROR" and seen == []
    too_big = str(runtime.current().settings.max_body_bytes + 1)
    status, _, body = _run(
        stage, _scope("/v2/auth/login", "POST", headers=[("Content-Length", too_big)])
    )
    assert status == 413 and json.loads(body)["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_buffer_body_joins_chunks_and_refuses_nul(app):
    seen: list = []
    stage = Pipeline(_stub(seen), stages=(RequestContext, BufferBody))
    post = _scope("/v1/users", "POST", headers=[("Content-Type", "application/json")])
    status, _, _ = _run(stage, post, chunks=[b'{"a":', b' "b"}'])
    inner_scope, body = seen[0]
    assert status == 200 and body == b'{"a": "b"}'
    assert (b"content-length", b"10") in inner_scope["headers"]
    post = _scope("/v1/users", "POST", headers=[("Content-Type", "application/json")])
    status, _, body = _run(stage, post, body=b'{"a": "\\u0000"}')
    assert status == 422 and json.loads(body)["error"]["details"][0]["field"] == "body"


def test_deadline_answers_504_and_cancels_the_work(app, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "timeout_standard", 0.2)
    cancelled = []

    async def slow(scope, receive, send):
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    stage = Pipeline(slow, stages=(RequestContext, Deadline))
    status, _, body = _run(stage, _scope("/v2/health"))
    assert status == 504 and json.loads(body)["error"]["code"] == "TIMEOUT"
    assert cancelled == [True]


def test_flask_pages_reach_async_services_on_the_loop(client):
    # The root docs page is rendered by Flask in a WSGI thread; it shows the readiness report,
    # which it gets from the async health service run on the event loop serving the request.
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "Service: <strong>ready</strong>" in response.text
    assert "x-request-id" in response.headers  # pages go through the same pipeline
