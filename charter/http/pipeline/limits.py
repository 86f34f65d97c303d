"""Seed 002's request limits, and the body read whole (bounded) before anything parses it."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from charter.http.pipeline.base import Message, Receive, Scope, Send, Stage, send_error
from charter.platform import runtime
from charter.platform.errors import (
    CharterError,
    HeadersTooLarge,
    Invalid,
    Malformed,
    PayloadTooLarge,
    UriTooLong,
)

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


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
