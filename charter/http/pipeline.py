"""The request pipeline: small named ASGI stages every request of every surface goes through.

    RequestContext -> AccessLog -> RequestLimits -> Credentials -> RateLimit -> BufferBody
        -> Deadline -> Idempotency -> Connexion (routing, security, validation, handler)

Each stage does one thing and can be tested alone (`Pipeline(app, stages=[...])`). The first
stage resolves the operation from the spec once and keeps it, with everything else learned
about the request, in `scope["charter"]` (a RequestState). Every response leaves with
X-Request-Id, the rate-limit headers, deprecation headers for deprecated operations, and one
structured access-log line.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import random
import re
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl

import anyio

from charter.http import idempotency
from charter.http.rendering import render
from charter.http.state import RequestState
from charter.http.uow import SharedUnit
from charter.identity import keys
from charter.identity.principals import authorize, credential_from_headers, resolve
from charter.platform import runtime
from charter.platform.errors import (
    CharterError,
    HeadersTooLarge,
    Invalid,
    Malformed,
    PayloadTooLarge,
    RateLimited,
    Timeout,
    UriTooLong,
)
from charter.platform.spec import OperationInfo, operation_for, surface_for_path

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("charter.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Request ids need uniqueness, not secrecy: a seeded PRNG avoids a getrandom() system call per
# request on the event loop.
_request_ids = random.Random(secrets.randbits(128))  # noqa: S311


def new_request_id() -> str:
    return f"req_{_request_ids.getrandbits(64):016x}"


async def send_error(scope: Scope, send: Send, error: CharterError) -> None:
    """Answer with a domain error in the request's surface envelope."""
    state: RequestState = scope["charter"]
    rendered = render(
        error,
        surface=state.surface,
        request_id=state.request_id,
        path=state.path,
        accept=state.accept,
    )
    headers = [(b"content-type", rendered.content_type.encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in rendered.headers.items()]
    headers.append((b"content-length", str(len(rendered.body)).encode()))
    await send({"type": "http.response.start", "status": rendered.status, "headers": headers})
    await send({"type": "http.response.body", "body": rendered.body})


class Stage:
    """An ASGI stage: `handle` sees HTTP requests; anything else passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class TrustedProxies:
    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.networks = [
            ipaddress.ip_network(item.strip(), strict=False)
            for item in spec.split(",")
            if item.strip()
        ]

    def client_ip(self, peer: str | None, forwarded_for: str | None) -> str | None:
        """The socket peer, unless it is a trusted proxy: then the nearest untrusted hop."""
        if not self.networks or peer is None or not forwarded_for or not self._trusted(peer):
            return peer
        for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
            if not self._trusted(hop):
                return hop
        return peer

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


def deprecation_headers(operation: OperationInfo | None) -> dict[str, str]:
    """RFC 9745 `Deprecation` and RFC 8594 `Sunset` for operations deprecated in the spec."""
    if operation is None or not operation.deprecated:
        return {}
    headers = {"Deprecation": "true"}
    if operation.sunset:
        sunset = datetime.fromisoformat(operation.sunset.replace("Z", "+00:00"))
        headers["Sunset"] = format_datetime(sunset.astimezone(UTC), usegmt=True)
    return headers


class RequestContext(Stage):
    """Request id, client IP, surface and operation; the headers every response carries."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self._proxies: TrustedProxies | None = None

    def _client_ip(self, scope: Scope, forwarded_for: str | None) -> str | None:
        spec = runtime.current().settings.trusted_proxies
        if self._proxies is None or self._proxies.spec != spec:
            self._proxies = TrustedProxies(spec)
        return self._proxies.client_ip((scope.get("client") or (None,))[0], forwarded_for)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        path, method = scope["path"], scope["method"]
        state = RequestState(
            request_id=given if REQUEST_ID.match(given) else new_request_id(),
            client_ip=self._client_ip(scope, headers.get("x-forwarded-for")),
            path=path,
            method=method,
            surface=surface_for_path(path),
            accept=headers.get("accept"),
            operation=operation_for(method, path),
        )
        state.response_headers["X-Request-Id"] = state.request_id
        state.response_headers.update(deprecation_headers(state.operation))
        scope["charter"] = state
        scope["charter_headers"] = headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                state.status = message["status"]
                extra = {k.lower().encode(): v.encode() for k, v in state.response_headers.items()}
                raw = [(k, v) for k, v in message.get("headers", []) if k.lower() not in extra]
                message = {**message, "headers": raw + list(extra.items())}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AccessLog(Stage):
    """One structured line per request, whatever happened to it."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            state: RequestState = scope["charter"]
            principal = state.principal
            log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": state.request_id,
                        "method": state.method,
                        "path": state.path,
                        "status": state.status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "principal": principal.id if principal else None,
                        "organization_id": principal.organization_id if principal else None,
                        "client_ip": state.client_ip,
                    }
                },
            )


class RequestLimits(Stage):
    """Seed 002's limits on URL, headers, query parameters and declared body size; no NULs."""

    def _violation(self, scope: Scope) -> CharterError | None:
        settings = runtime.current().settings
        path, query = scope["path"], scope.get("query_string", b"")
        if len(scope.get("raw_path") or path.encode()) + len(query) + 1 > settings.max_url_bytes:
            return UriTooLong(f"URL longer than {settings.max_url_bytes} bytes")
        if sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > settings.max_header_bytes:
            return HeadersTooLarge(f"Headers exceed {settings.max_header_bytes} bytes")
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        if len(pairs) > settings.max_query_params:
            return Malformed(
                f"More than {settings.max_query_params} query parameters", field="query"
            )
        # NUL characters cannot be stored (PostgreSQL text) and are never meaningful in an API:
        # well-formed per the spec, but against a rule, so 422.
        if "\x00" in path:
            return Invalid("The path contains a NUL character", field="path")
        for name, value in pairs:
            if "\x00" in name or "\x00" in value:
                return Invalid("NUL characters are not allowed", field=f"query.{name}")
        declared = scope["charter_headers"].get("content-length")
        if declared is not None:
            if not declared.isdigit():
                return Malformed("Malformed Content-Length", field="header.Content-Length")
            if int(declared) > settings.max_body_bytes:
                return PayloadTooLarge(f"Body larger than {settings.max_body_bytes} bytes")
        return None

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        violation = self._violation(scope)
        if violation is not None:
            await send_error(scope, send, violation)
            return
        await self.app(scope, receive, send)


class Credentials(Stage):
    """Resolve the credential once (cached for at most a second); the security functions
    enforce it, this feeds the rate limits and idempotency. A key's first use from a new
    address is recorded by the keys service."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        credential = credential_from_headers(scope["charter_headers"])
        if credential is not None:
            state.credential = credential
            state.principal, state.auth_error = await resolve(credential)
            principal = state.principal
            if principal is not None and principal.kind == "api_key":
                if keys.is_new_address(principal.id, state.client_ip):
                    async with runtime.current().db.transaction() as session:
                        await keys.note_use_from_ip(session, principal.id, state.client_ip)
        await self.app(scope, receive, send)


class RateLimit(Stage):
    """Count the request against its policies (the operation's `x-rate-limit` class among them)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        verdict = await runtime.current().limiter.check(
            principal=state.principal,
            client_ip=state.client_ip,
            rate_class=state.operation.rate_limit if state.operation else "default",
        )
        if verdict is not None:
            state.response_headers.update(verdict.headers())
            if not verdict.allowed:
                message = (
                    f"Rate limit exceeded ({verdict.limit} per {verdict.window} s); "
                    f"retry in {verdict.retry_after} s"
                )
                headers = {"Retry-After": str(verdict.retry_after)}
                await send_error(scope, send, RateLimited(message, headers=headers))
                return
        await self.app(scope, receive, send)


def contains_nul(body: bytes) -> bool:
    """A raw NUL byte, or a JSON string holding U+0000 (parsed only when the escape appears)."""
    if b"\x00" in body:
        return True
    if b"u0000" not in body:
        return False
    try:
        document = json.loads(body)
    except ValueError:
        return False  # not JSON: validation answers it
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and "\x00" in node:
            return True
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


class BufferBody(Stage):
    """Read the body whole (bounded), so chunked bodies validate and idempotency can hash it."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in BODY_METHODS:
            scope["charter_body"] = b""
            await self.app(scope, receive, send)
            return
        limit = runtime.current().settings.max_body_bytes
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await send_error(scope, send, PayloadTooLarge(f"Body larger than {limit} bytes"))
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if contains_nul(body):
            await send_error(scope, send, Invalid("NUL characters are not allowed", field="body"))
            return
        scope["charter_body"] = body
        scope["headers"] = [
            (k, v)
            for k, v in scope["headers"]
            if k.lower() not in (b"content-length", b"transfer-encoding")
        ] + [(b"content-length", str(len(body)).encode())]
        delivered = False

        async def replay_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay_receive, send)


class Idempotency(Stage):
    """POST + Idempotency-Key: run once per (caller, key), replay the stored 2xx afterwards."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        headers = scope["charter_headers"]
        key = next((headers[h] for h in idempotency.HEADER_NAMES if headers.get(h)), None)
        if state.method != "POST" or not key or not self._may_call(state):
            await self.app(scope, receive, send)
            return
        if len(key) > 255:
            error = Malformed(
                "Idempotency key longer than 255 characters", field="header.Idempotency-Key"
            )
            await send_error(scope, send, error)
            return
        assert state.principal is not None  # _may_call
        owner = state.principal.idempotency_scope
        fingerprint = idempotency.request_fingerprint(
            state.method, state.path, scope.get("query_string", b""), scope["charter_body"]
        )
        try:
            replay = await idempotency.claim(owner, key, fingerprint)
        except CharterError as error:
            await send_error(scope, send, error)
            return
        if replay is not None:
            await self._send_replay(send, replay)
            return
        await self._run_once(scope, receive, send, owner, key)

    @staticmethod
    def _may_call(state: RequestState) -> bool:
        """Would authorization let this caller run the operation? Replays must not skip it."""
        if state.principal is None:
            return False
        try:
            authorize(state.principal, state.operation, state.client_ip)
        except CharterError:
            return False
        return True

    @staticmethod
    async def _send_replay(send: Send, replay: idempotency.Replay) -> None:
        headers = [(k.encode(), v.encode()) for k, v in replay.headers.items()]
        headers += [
            (b"idempotent-replayed", b"true"),
            (b"content-length", str(len(replay.body)).encode()),
        ]
        await send({"type": "http.response.start", "status": replay.status, "headers": headers})
        await send({"type": "http.response.body", "body": replay.body})

    async def _run_once(
        self, scope: Scope, receive: Receive, send: Send, owner: str, key: str
    ) -> None:
        state: RequestState = scope["charter"]
        unit = SharedUnit(runtime.current().db.session(deadline=state.deadline))
        state.shared_unit = unit
        messages: list[Message] = []

        async def capture(message: Message) -> None:
            messages.append(message)

        try:
            await self.app(scope, receive, capture)
            start = next(m for m in messages if m["type"] == "http.response.start")
            status = start["status"]
            if not unit.failed and (200 <= status < 300 or unit.keep):
                response_headers = {
                    k.decode("latin-1").lower(): v.decode("latin-1")
                    for k, v in start.get("headers", [])
                }
                body = b"".join(m.get("body", b"") for m in messages[1:])
                await idempotency.complete(unit.session, owner, key, status, response_headers, body)
                await unit.session.commit()
            else:
                await unit.session.rollback()
                await idempotency.release(owner, key)
        except BaseException:
            with anyio.CancelScope(shield=True):
                await unit.session.rollback()
                await idempotency.release(owner, key)
            raise
        finally:
            state.shared_unit = None
            with anyio.CancelScope(shield=True):
                await unit.session.close()
        for message in messages:
            await send(message)


class Deadline(Stage):
    """Seed 002 timeouts by the operation's `x-timeout` class: 504, and the work cancelled."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        settings = runtime.current().settings
        timeout_class = state.operation.timeout if state.operation else "standard"
        content_type = scope["charter_headers"].get("content-type", "")
        if content_type.startswith("multipart/"):
            timeout_class = "upload"
        timeout = {
            "standard": settings.timeout_standard,
            "batch": settings.timeout_batch,
            "upload": settings.timeout_upload,
        }[timeout_class]
        state.deadline = time.monotonic() + timeout
        started = timed_out = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return  # the 504 has gone out; the late answer is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with anyio.move_on_after(timeout) as cancel_scope:
            await self.app(scope, receive, guarded_send)
        if cancel_scope.cancelled_caught and not started:
            timed_out = True
            error = Timeout(f"The request exceeded its {timeout:g} s limit")
            await send_error(scope, send, error)


STAGES: tuple[type[Stage], ...] = (
    RequestContext,
    AccessLog,
    RequestLimits,
    Credentials,
    RateLimit,
    BufferBody,
    Deadline,
    Idempotency,
)


class Pipeline:
    """The stages around an ASGI app, outermost first."""

    def __init__(self, app: ASGIApp, stages: tuple[type[Stage], ...] = STAGES) -> None:
        for stage in reversed(stages):
            app = stage(app)
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
