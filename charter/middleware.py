"""The outermost ASGI layer: what every request of every surface goes through.

Order: request id -> request limits (URL, headers, query count, body size) -> client IP ->
credential resolution (cached, off the event loop) -> rate limits -> idempotency -> timeout ->
the Connexion stack. Every response leaves with X-Request-Id and the rate-limit headers, and one
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
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread

from charter import idempotency, keys, runtime
from charter.errors import (
    CharterError,
    HeadersTooLarge,
    Invalid,
    Malformed,
    PayloadTooLarge,
    RateLimited,
    Timeout,
    UriTooLong,
    render,
    surface_for_path,
)
from charter.security import credential_from_headers, resolve
from charter.spec import operation_for, operation_index

log = logging.getLogger("charter.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def deprecation_headers(scope) -> dict[str, str]:
    """RFC 9745 `Deprecation` and RFC 8594 `Sunset` for operations marked deprecated in the spec."""
    routing = scope.get("extensions", {}).get("connexion_routing") or {}
    operation_id = (routing.get("operation_id") or "").rsplit(".", 1)[-1]
    info = operation_index().get((routing.get("api_base_path"), operation_id))
    if info is None or not info.deprecated:
        return {}
    headers = {"Deprecation": "true"}
    if info.sunset:
        sunset = datetime.fromisoformat(info.sunset.replace("Z", "+00:00"))
        headers["Sunset"] = format_datetime(sunset.astimezone(UTC), usegmt=True)
    return headers


def _contains_nul(body: bytes) -> bool:
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


# Request ids need uniqueness, not secrecy: a seeded PRNG avoids a getrandom() system call per
# request on the event loop (it showed up as an eighth of the loop's busy time).
_request_ids = random.Random(secrets.randbits(128))


def new_request_id() -> str:
    return f"req_{_request_ids.getrandbits(64):016x}"


def timeout_for(method: str, path: str, content_type: str) -> float:
    """Seed 002 timeouts: 30 s standard, 120 s batch, 300 s uploads."""
    settings = runtime.current().settings
    if content_type.startswith("multipart/"):
        return settings.timeout_upload
    if method == "POST" and (path.endswith("/batch") or path.endswith("/batch-delete")):
        return settings.timeout_batch
    return settings.timeout_standard


class _TrustedProxies:
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


class CharterMiddleware:
    def __init__(self, app) -> None:
        self.app = app
        self._proxies: _TrustedProxies | None = None
        # (key id, client ip) pairs already recorded by this process, so only a key's first
        # request from an address costs a database round trip.
        self._key_addresses: dict[tuple[str, str | None], None] = {}

    @staticmethod
    def _may_call(principal, method: str, path: str, state: dict) -> bool:
        """Would authorization let this caller run the operation? Replays must not skip it."""
        if principal is None or not principal.allows_ip(state.get("client_ip")):
            return False
        info = operation_for(method, path)
        return info is not None and principal.has_scopes(info.scopes)

    async def _note_key_address(self, key_id: str, ip: str | None) -> None:
        pair = (key_id, ip)
        if pair in self._key_addresses:
            return
        if len(self._key_addresses) > 100_000:
            self._key_addresses.clear()
        self._key_addresses[pair] = None
        await anyio.to_thread.run_sync(keys.note_use_from_ip, key_id, ip)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rt = runtime.current()
        settings = rt.settings
        if self._proxies is None or self._proxies.spec != settings.trusted_proxies:
            self._proxies = _TrustedProxies(settings.trusted_proxies)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given_id = headers.get("x-request-id", "")
        request_id = given_id if REQUEST_ID.match(given_id) else new_request_id()
        path = scope["path"]
        method = scope["method"]
        client_ip = self._proxies.client_ip(
            (scope.get("client") or (None,))[0], headers.get("x-forwarded-for")
        )
        state = scope.setdefault("charter", {})
        state.update(request_id=request_id, client_ip=client_ip)
        extra_headers: dict[str, str] = {"X-Request-Id": request_id}
        outcome = {"status": 500, "principal": None}

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
                extra_headers.update(deprecation_headers(scope))
                raw = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"
                ]
                raw += [(k.lower().encode(), v.encode()) for k, v in extra_headers.items()]
                message = {**message, "headers": raw}
            await send(message)

        async def respond_error(error: CharterError) -> None:
            rendered = render(
                error,
                surface=surface_for_path(path),
                request_id=request_id,
                path=path,
                accept=headers.get("accept"),
            )
            response_headers = [(b"content-type", rendered.content_type.encode())]
            response_headers += [
                (k.lower().encode(), v.encode()) for k, v in rendered.headers.items()
            ]
            response_headers.append((b"content-length", str(len(rendered.body)).encode()))
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": rendered.status,
                    "headers": response_headers,
                }
            )
            await send_with_headers({"type": "http.response.body", "body": rendered.body})

        try:
            await self._handle(
                scope,
                receive,
                send_with_headers,
                respond_error,
                headers,
                state,
                extra_headers,
                outcome,
            )
        finally:
            principal = state.get("principal")
            log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": method,
                        "path": path,
                        "status": outcome["status"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "principal": principal.id if principal else None,
                        "organization_id": principal.organization_id if principal else None,
                        "client_ip": client_ip,
                    }
                },
            )

    async def _handle(self, scope, receive, send, respond_error, headers, state, extra, outcome):
        settings = runtime.current().settings
        path, method = scope["path"], scope["method"]
        query = scope.get("query_string", b"")
        # Request limits (seed 002) ---------------------------------------------------------
        if len(scope.get("raw_path") or path.encode()) + len(query) + 1 > settings.max_url_bytes:
            await respond_error(UriTooLong(f"URL longer than {settings.max_url_bytes} bytes"))
            return
        if sum(len(k) + len(v) + 4 for k, v in scope["headers"]) > settings.max_header_bytes:
            await respond_error(
                HeadersTooLarge(f"Headers exceed {settings.max_header_bytes} bytes")
            )
            return
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        if len(pairs) > settings.max_query_params:
            await respond_error(
                Malformed(
                    f"More than {settings.max_query_params} query parameters",
                    field="query",
                )
            )
            return
        # NUL characters cannot be stored (PostgreSQL text) and are never meaningful in an API:
        # well-formed per the spec, but against a rule, so 422.
        if "\x00" in path:
            await respond_error(Invalid("The path contains a NUL character", field="path"))
            return
        for name, value in pairs:
            if "\x00" in name or "\x00" in value:
                await respond_error(
                    Invalid("NUL characters are not allowed", field=f"query.{name}")
                )
                return
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await respond_error(
                    Malformed("Malformed Content-Length", field="header.Content-Length")
                )
                return
            if int(declared) > settings.max_body_bytes:
                await respond_error(
                    PayloadTooLarge(f"Body larger than {settings.max_body_bytes} bytes")
                )
                return
        # Authentication (the security functions enforce it; here it feeds limits) -----------
        credential = credential_from_headers(headers)
        principal = None
        if credential is not None:
            principal, reason = await resolve(credential)
            state.update(credential=credential, principal=principal, auth_error=reason)
            if principal is not None and principal.kind == "api_key":
                await self._note_key_address(principal.id, state.get("client_ip"))
        outcome["principal"] = principal
        # Rate limits ---------------------------------------------------------------------------
        limiter = runtime.current().limiter
        verdict = await limiter.check(
            principal=principal, client_ip=state.get("client_ip"), method=method, path=path
        )
        if verdict is not None:
            extra.update(verdict.headers())
            if not verdict.allowed:
                await respond_error(
                    RateLimited(
                        f"Rate limit exceeded ({verdict.limit} per {verdict.window} s); "
                        f"retry in {verdict.retry_after} s",
                        headers={"Retry-After": str(verdict.retry_after)},
                    )
                )
                return
        # Body: read it whole (bounded), so chunked bodies validate and idempotency can hash it.
        body = b""
        if method in BODY_METHODS:
            chunks, size = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > settings.max_body_bytes:
                    await respond_error(
                        PayloadTooLarge(f"Body larger than {settings.max_body_bytes} bytes")
                    )
                    return
                chunks.append(chunk)
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            if _contains_nul(body):
                await respond_error(Invalid("NUL characters are not allowed", field="body"))
                return
            scope["headers"] = [
                (k, v)
                for k, v in scope["headers"]
                if k.lower() not in (b"content-length", b"transfer-encoding")
            ] + [(b"content-length", str(len(body)).encode())]
            delivered = False

            async def replay_receive():
                nonlocal delivered
                if not delivered:
                    delivered = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            receive = replay_receive
        # Idempotency ---------------------------------------------------------------------------
        idem_key = next((headers[h] for h in idempotency.HEADER_NAMES if headers.get(h)), None)
        idem_scope = None
        if method == "POST" and idem_key and self._may_call(principal, method, path, state):
            if len(idem_key) > 255:
                await respond_error(
                    Malformed(
                        "Idempotency key longer than 255 characters", field="header.Idempotency-Key"
                    )
                )
                return
            idem_scope = principal.idempotency_scope
            fingerprint = idempotency.request_fingerprint(method, path, query, body)
            try:
                replay = await anyio.to_thread.run_sync(
                    idempotency.begin, idem_scope, idem_key, fingerprint
                )
            except CharterError as error:
                await respond_error(error)
                return
            if replay is not None:
                response_headers = [(k.encode(), v.encode()) for k, v in replay.headers.items()]
                response_headers += [
                    (b"idempotent-replayed", b"true"),
                    (b"content-length", str(len(replay.body)).encode()),
                ]
                await send(
                    {
                        "type": "http.response.start",
                        "status": replay.status,
                        "headers": response_headers,
                    }
                )
                await send({"type": "http.response.body", "body": replay.body})
                return
        # The Connexion stack, under the request's timeout ---------------------------------------
        captured = {"status": 0, "headers": {}, "body": []}
        started = {"value": False}
        timed_out = {"value": False}

        async def guarded_send(message) -> None:
            if timed_out["value"]:
                return  # the 504 has gone out; the late answer is dropped
            if message["type"] == "http.response.start":
                started["value"] = True
                if idem_scope is not None:
                    captured["status"] = message["status"]
                    captured["headers"] = {
                        k.decode("latin-1").lower(): v.decode("latin-1")
                        for k, v in message.get("headers", [])
                    }
            elif idem_scope is not None:
                captured["body"].append(message.get("body", b""))
            await send(message)

        timeout = timeout_for(method, path, headers.get("content-type", ""))
        completed = False
        try:
            with anyio.move_on_after(timeout) as cancel_scope:
                await self.app(scope, receive, guarded_send)
                completed = True
            if cancel_scope.cancelled_caught and not started["value"]:
                timed_out["value"] = True
                await respond_error(Timeout(f"The request exceeded its {timeout:g} s limit"))
        finally:
            if idem_scope is not None:
                if completed:
                    await anyio.to_thread.run_sync(
                        idempotency.finish,
                        idem_scope,
                        idem_key,
                        captured["status"],
                        captured["headers"],
                        b"".join(captured["body"]),
                    )
                else:
                    with anyio.CancelScope(shield=True):
                        await anyio.to_thread.run_sync(idempotency.release, idem_scope, idem_key)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; request fields come from `extra={"fields": {...}}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str)
