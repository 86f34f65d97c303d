"""Seed 002's request limits, and the body read whole (bounded) before anything parses it.

A body is held to its operation: its media type must be one the operation's requestBody lists
(415 otherwise, a body without Content-Type included), and its size to the operation's limit
(`x-body-limit`, else the settings' default for its media types; 413), whether the size is
declared in Content-Length or only streamed.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl

from charter.http import page_html
from charter.http.pipeline.base import Message, Receive, Scope, Send, Stage, send_error
from charter.http.state import RequestState
from charter.platform import runtime
from charter.platform.errors import (
    CharterError,
    HeadersTooLarge,
    Invalid,
    Malformed,
    PayloadTooLarge,
    UnsupportedMediaType,
    UriTooLong,
)
from charter.platform.spec import OperationInfo

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Set in the scope while the body is being read: a deadline expiring then is the client's (408).
BODY_PENDING = "charter_body_pending"


def media_type(content_type: str | None) -> str:
    """`application/json; charset=utf-8` -> `application/json` ('' when there is none)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


# What a streamed multipart body may carry besides its file: boundaries, part headers, fields.
STREAM_OVERHEAD = 256 * 1024

SMALL_MEDIA_TYPES = frozenset({"application/json", "application/x-www-form-urlencoded"})


def is_structured(media: str) -> bool:
    """JSON or a URL-encoded form: small bodies, unlike uploads."""
    return media in SMALL_MEDIA_TYPES or media.endswith("+json")


def accepts(operation: OperationInfo, media: str) -> bool:
    """Whether requestBody.content lists the media type (ranges such as `image/*` included)."""
    kind = media.split("/", 1)[0]
    for listed in operation.media_types:
        listed = listed.lower()
        if listed in (media, "*/*", f"{kind}/*"):
            return True
    return False


def body_limit(operation: OperationInfo | None) -> int:
    """The operation's `x-body-limit`; else the JSON default for operations that take JSON (or
    URL-encoded forms) or nothing, the general one for uploads and paths outside the specs."""
    settings = runtime.current().settings
    if operation is None:
        return settings.max_body_bytes
    if operation.stream_body:  # the file's own limit, and room for the form around it
        return settings.max_file_bytes + STREAM_OVERHEAD
    if operation.body_limit is not None:
        return operation.body_limit
    if all(is_structured(media_type(m)) for m in operation.media_types):
        return settings.max_json_body_bytes
    return settings.max_body_bytes


def unsupported(operation: OperationInfo, media: str) -> UnsupportedMediaType:
    if not operation.media_types:
        return UnsupportedMediaType("This operation takes no request body")
    expected = ", ".join(operation.media_types)
    if not media:
        message = f"A request body needs a Content-Type header: {expected}"
    else:
        message = f"Content-Type {media[:100]} is not accepted here; send {expected}"
    return UnsupportedMediaType(message, headers={"Accept": expected} if expected else None)


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
        # The authorization endpoint checks its own query: RFC 6749 4.1.2.1 sends an invalid
        # parameter back to the client's redirect URI once that is known to be good.
        if not page_html.is_page(scope["charter"]):
            for name, value in pairs:
                if "\x00" in name or "\x00" in value:
                    return Invalid("NUL characters are not allowed", field=f"query.{name}")
        declared = scope["charter_headers"].get("content-length")
        if declared is not None:
            if not declared.isdigit():
                return Malformed("Malformed Content-Length", field="header.Content-Length")
            limit = body_limit(scope["charter"].operation)
            if int(declared) > limit:
                return PayloadTooLarge(f"Body larger than {limit} bytes")
        return None

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        violation = self._violation(scope)
        if violation is not None:
            await send_error(scope, send, violation)
            return
        await self.app(scope, receive, send)


# A surrogate code point left in a parsed string is a lone one (json joins the pairs).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable_text(body: bytes, media: str = "") -> str | None:
    """Why the body cannot be stored as text, or None: a raw NUL byte, a URL-encoded form's
    `%00`, or a JSON string holding U+0000 or a lone surrogate (PostgreSQL's text and JSONB
    refuse both; UTF-8 cannot encode a surrogate). The JSON is parsed only when such an escape
    appears."""
    if b"\x00" in body:
        return "NUL characters are not allowed"
    if media == "application/x-www-form-urlencoded" and b"%00" in body:
        return "NUL characters are not allowed"
    if b"\\u0000" not in body and b"\\ud" not in body and b"\\uD" not in body:
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None  # not JSON, or nested too deep: validation answers it
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found = _UNSTORABLE.search(node)
            if found:
                if found.group() == "\x00":
                    return "NUL characters are not allowed"
                return "Strings must be valid Unicode: a lone surrogate (\\ud800-\\udfff) is not"
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


async def read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body; None when the client disconnected; PayloadTooLarge past `limit`."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"Body larger than {limit} bytes")
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def replayed_headers(
    headers: list[tuple[bytes, bytes]], media: str, size: int
) -> list[tuple[bytes, bytes]]:
    """The headers for the buffered body: its length, no chunking, and its media type in lower
    case (media types are case-insensitive; Connexion's body parsing is not)."""
    dropped = (b"content-length", b"transfer-encoding", b"content-type")
    kept = [(k, v) for k, v in headers if k.lower() not in dropped]
    if media:
        given = next(v for k, v in reversed(headers) if k.lower() == b"content-type")
        _, semicolon, parameters = given.partition(b";")
        kept.append((b"content-type", media.encode("latin-1") + semicolon + parameters))
    return [*kept, (b"content-length", str(size).encode())]


class BufferBody(Stage):
    """Read the body whole (bounded), so chunked bodies validate and idempotency can hash it;
    refuse a body the operation does not take, and NUL characters.

    It runs inside the Deadline stage, so a client that stalls mid-body is answered 408 when
    the operation's time is up instead of holding the connection open.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in BODY_METHODS:
            scope["charter_body"] = b""
            await self.app(scope, receive, send)
            return
        state: RequestState = scope["charter"]
        operation = state.operation
        if operation is not None and operation.stream_body:
            from charter.http.pipeline.uploads import stream_upload

            await stream_upload(self.app, scope, receive, send)
            return
        media = media_type(scope["charter_headers"].get("content-type"))
        # A type the operation does not list is refused unread; an operation that takes no body
        # refuses only a non-empty one below (some clients send a type with every request).
        if (
            operation is not None
            and media
            and operation.media_types
            and not accepts(operation, media)
        ):
            await send_error(scope, send, unsupported(operation, media))
            return
        scope[BODY_PENDING] = True  # cleared once read, not when the reading is cancelled
        try:
            body = await read_body(receive, body_limit(operation))
        except PayloadTooLarge as error:
            scope[BODY_PENDING] = False
            await send_error(scope, send, error)
            return
        scope[BODY_PENDING] = False
        if body is None:
            return
        if body and operation is not None and not (media and accepts(operation, media)):
            await send_error(scope, send, unsupported(operation, media))
            return
        unstorable = unstorable_text(body, media)
        if unstorable is not None:
            await send_error(scope, send, Invalid(unstorable, field="body"))
            return
        scope["charter_body"] = body
        scope["headers"] = replayed_headers(scope["headers"], media, len(body))
        delivered = False

        async def replay_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay_receive, send)
