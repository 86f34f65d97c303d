"""Running the operation: under its deadline, and at most once per idempotency key."""

from __future__ import annotations

import logging
import time

import anyio

from charter.http import idempotency
from charter.http.pipeline.base import Message, Receive, Scope, Send, Stage, send_error
from charter.http.pipeline.limits import BODY_PENDING
from charter.http.rendering import translate
from charter.http.state import RequestState
from charter.http.uow import SharedUnit
from charter.platform import runtime
from charter.platform.errors import CharterError, Malformed, RequestTimeout, Timeout
from storage.db import run_on_commit

log = logging.getLogger("charter")


class Deadline(Stage):
    """Seed 002 timeouts by the operation's `x-timeout` class: 504, and the work cancelled.

    The deadline covers reading the body (BufferBody runs inside): a body still arriving when
    it passes is the client's delay, answered 408 with the connection closed.
    """

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
            # The event stream ends itself before this (handlers/v2/events.py).
            "stream": settings.timeout_stream,
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
            if scope.get(BODY_PENDING):
                error = RequestTimeout(f"The request body did not arrive within {timeout:g} s")
            await send_error(scope, send, error)


class Idempotency(Stage):
    """POST + Idempotency-Key: run once per (caller, key), replay the stored 2xx afterwards."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        headers = scope["charter_headers"]
        key = next((headers[h] for h in idempotency.HEADER_NAMES if headers.get(h)), None)
        if state.method != "POST" or not key or not state.may_call():
            await self.app(scope, receive, send)
            return
        if len(key) > 255:
            error = Malformed(
                "Idempotency key longer than 255 characters", field="header.Idempotency-Key"
            )
            await send_error(scope, send, error)
            return
        assert state.principal is not None  # may_call
        owner = state.principal.idempotency_scope
        fingerprint = idempotency.request_fingerprint(
            state.method, state.path, scope.get("query_string", b""), scope["charter_body"]
        )
        assert state.deadline is not None  # the Deadline stage runs first
        lease = state.deadline - time.monotonic() + idempotency.LEASE_MARGIN_SECONDS
        try:
            replay = await idempotency.claim(owner, key, fingerprint, lease)
        except Exception as exc:  # a lost database connection too: rendered, never a bare 500
            if not isinstance(exc, CharterError):
                log.error("idempotency claim failed", exc_info=exc)
            await send_error(scope, send, translate(exc))
            return
        if replay is not None:
            await self._send_replay(send, replay)
            return
        await self._run_once(scope, receive, send, owner, key)

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
            start = next((m for m in messages if m["type"] == "http.response.start"), None)
            if start is None:
                raise RuntimeError("the operation sent no response")
            if not unit.failed and (200 <= start["status"] < 300 or unit.keep):
                # Once the commit starts it must finish: a cancelled commit that the database
                # applied would otherwise release the key and let a retry run the work again.
                with anyio.CancelScope(shield=True):
                    await self._commit(scope, unit, owner, key, start, messages)
            else:
                await unit.session.rollback()
                await idempotency.release(owner, key)
        except BaseException as exc:
            with anyio.CancelScope(shield=True):
                await unit.session.rollback()
                await idempotency.release(owner, key)
            if not isinstance(exc, Exception):
                raise
            # Outside Connexion's error handlers: render here, in the surface's envelope; logged
            # as they log, only when it is the server's fault (a client's error is no alert).
            error = translate(exc)
            if error.status >= 500 and type(error) is CharterError:
                log.error("idempotent request failed", exc_info=exc)
            await send_error(scope, send, error)
            return
        finally:
            state.shared_unit = None
            with anyio.CancelScope(shield=True):
                await unit.session.close()
        for message in messages:
            await send(message)

    @staticmethod
    async def _commit(
        scope: Scope,
        unit: SharedUnit,
        owner: str,
        key: str,
        start: Message,
        messages: list[Message],
    ) -> None:
        """Store the response beside the work and commit both; then what waited for the commit."""
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start.get("headers", [])
        }
        body = b"".join(m.get("body", b"") for m in messages if m is not start)
        operation = scope["charter"].operation
        await idempotency.complete(
            unit.session,
            owner,
            key,
            start["status"],
            headers,
            body,
            replays=operation is None or operation.replays,
        )
        await unit.session.commit()
        await run_on_commit(unit.session)
