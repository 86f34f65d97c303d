"""Uploads streamed to the blob store (operations with `x-body-stream: true`).

Connexion validates a multipart body by keeping every message of it in memory, and then
parses it again into temporary files (Starlette's form parser) before the handler runs; a 1 GB
upload would sit in memory whole. For these operations the body is read here instead, as it
arrives: the file part goes straight into a blob writer (charter.files.uploads), under the
`upload` timeout class and the file's own size limit. Connexion then sees a small stand-in
body with the same text fields and a `file` part naming the file's name, declared type and
checksum, so the spec still validates the form and idempotency fingerprints all of it; the
handler takes the received file with `charter.http.context.upload()`.

Only a caller that may call the operation is read from: anyone else is passed on unread, and
Connexion's security answers 401/403 before touching the body. The one public streamed upload,
a share link's new version (`POST /v2/shares/{token}/upload`), has no caller to authorize: its
link is checked instead, and a link that may not upload is answered (404, 401, 403, 410, 423)
without reading the body. The blob is claimed until the
request ends; if no row names the blob then (the request failed, or replayed a stored answer),
it is deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import AsyncIterator

import anyio

from charter.files import service, share_uploads, uploads
from charter.http.pipeline.base import ASGIApp, Message, Receive, Scope, Send, send_error
from charter.http.pipeline.limits import BODY_PENDING, accepts, body_limit, media_type, unsupported
from charter.http.rendering import translate
from charter.http.state import RequestState, path_parameter
from charter.platform import runtime
from charter.platform.errors import CharterError, PayloadTooLarge, Unavailable

UPLOAD = "charter_upload"
CLIENT_CLOSED = 499  # nginx's "client closed request", for the access log only
log = logging.getLogger("charter")


class _Disconnected(Exception):
    pass


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _stand_in(upload: uploads.Upload) -> tuple[bytes, bytes]:
    """(boundary, body): the text fields and a stand-in for the file naming its file name,
    declared content type and checksum. Deterministic (the boundary is a digest of what the
    body says), so the same upload retried with its Idempotency-Key has the same fingerprint
    and replays, and another file under that key (other bytes, name or type) is refused."""
    described = json.dumps(
        [upload.fields, upload.filename, upload.content_type, upload.blob.sha256],
        ensure_ascii=True,
    )
    boundary = f"charter-{hashlib.sha256(described.encode()).hexdigest()[:32]}".encode()
    parts = []
    for name, value in upload.fields.items():
        parts.append(
            b"--" + boundary + b"\r\n"
            b'Content-Disposition: form-data; name="'
            + _escape(name).encode()
            + b'"\r\n\r\n'
            + value.encode()
            + b"\r\n"
        )
    summary = (
        f"sha256:{upload.blob.sha256}\r\nfilename:{_escape(upload.filename)}\r\n"
        f"content-type:{_escape(upload.content_type or '')}"
    )
    parts.append(
        b"--" + boundary + b"\r\n"
        b'Content-Disposition: form-data; name="file"; filename="upload"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + summary.encode() + b"\r\n"
    )
    parts.append(b"--" + boundary + b"--\r\n")
    return boundary, b"".join(parts)


async def _admit(scope: Scope, state: RequestState) -> CharterError | None:
    """Why the share link in the path may not upload (None: it may)."""
    assert state.operation is not None
    token = path_parameter(state.path, state.operation, "token") or ""
    unlock = scope["charter_headers"].get("x-share-unlock")
    try:
        async with runtime.current().db.read() as session:
            await share_uploads.admit(session, token, unlock)
    except Exception as exc:  # noqa: BLE001 - rendered in the envelope, never a bare 500
        if not isinstance(exc, CharterError):
            log.error("checking a share link before its upload failed", exc_info=exc)
        return translate(exc)
    return None


async def stream_upload(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Read the upload into a blob, then let Connexion handle the request with the stand-in
    body; the blob is released (and deleted unless a row names it) when the request ends."""
    state: RequestState = scope["charter"]
    if await _answered_unread(app, scope, receive, send, state):
        return
    upload = await _receive_upload(scope, receive, send, state)
    if upload is None:
        return
    replay = _replace_body(scope, receive, upload)
    try:
        await app(scope, replay, send)
    finally:
        with anyio.CancelScope(shield=True):
            await upload.writer.release()
            # deleted unless a row names it: a failed upload's, and a replayed retry's too
            await service.discard(upload.blob.key)


async def _answered_unread(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, state: RequestState
) -> bool:
    """Answer, leaving the body unread, a media type the operation does not take, a share link
    that may not upload, or a caller Connexion's security refuses; whether it was answered."""
    operation = state.operation
    assert operation is not None
    media = media_type(scope["charter_headers"].get("content-type", ""))
    if not media or not accepts(operation, media):
        await send_error(scope, send, unsupported(operation, media))
        return True
    if operation.public:
        refusal = await _admit(scope, state)
        if refusal is not None:
            refusal.headers.setdefault("Connection", "close")  # the body is unread
            await send_error(scope, send, refusal)
            return True
    elif not state.may_call():
        scope["charter_body"] = b""
        await app(scope, receive, send)  # refused by Connexion's security, body unread
        return True
    return False


async def _body(receive: Receive, limit: int) -> AsyncIterator[bytes]:
    """The request body's chunks as they arrive, at most `limit` bytes in all."""
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"Body larger than {limit} bytes")
        yield chunk
        if not message.get("more_body"):
            return


async def _receive_upload(
    scope: Scope, receive: Receive, send: Send, state: RequestState
) -> uploads.Upload | None:
    """The body read into a committed, claimed blob; None when the client went away or the
    upload failed (then answered here, the rest of the body unread)."""
    assert state.operation is not None
    content_type = scope["charter_headers"].get("content-type", "")
    limit = body_limit(state.operation)
    settings = runtime.current().settings
    scope[BODY_PENDING] = True
    try:
        return await uploads.receive(
            _body(receive, limit),
            content_type,
            service.store(),
            max_file_bytes=settings.max_file_bytes,
        )
    except _Disconnected:
        state.client_closed = True  # nothing to answer; not a server error
        state.status = CLIENT_CLOSED
        return None
    except Exception as exc:  # noqa: BLE001 - rendered in the envelope, never a bare 500
        scope[BODY_PENDING] = False
        await send_error(scope, send, _upload_error(exc))
        return None
    finally:
        scope[BODY_PENDING] = False


def _upload_error(exc: Exception) -> CharterError:
    """The answer to an upload that failed: the domain's refusal, or a retryable 503 when the
    blob store failed (an S3 error, a full disk)."""
    if isinstance(exc, CharterError):
        error = exc
    else:
        log.error("storing an upload failed", exc_info=exc)
        error = Unavailable("The file store failed; try the upload again")
    error.headers.setdefault("Connection", "close")  # the rest of the body is unread
    return error


def _replace_body(scope: Scope, receive: Receive, upload: uploads.Upload) -> Receive:
    """Put the received upload and its stand-in body in the scope, with matching headers; the
    `receive` that delivers that body (then the rest of the connection's messages)."""
    boundary, body = _stand_in(upload)
    scope[UPLOAD] = upload
    scope["charter_body"] = body
    dropped = (b"content-length", b"transfer-encoding", b"content-type")
    scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() not in dropped] + [
        (b"content-type", b"multipart/form-data; boundary=" + boundary),
        (b"content-length", str(len(body)).encode()),
    ]
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
