"""What every stage shares: the ASGI types, the Stage base class and the error answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from charter.http import page_html
from charter.http.rendering import render
from charter.http.state import RequestState
from charter.platform.errors import CharterError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def send_error(scope: Scope, send: Send, error: CharterError) -> None:
    """Answer with a domain error in the request's surface envelope (a page of the same style
    at the authorization endpoint's pages, which a person reads in a browser)."""
    state: RequestState = scope["charter"]
    if page_html.is_page(state):
        body, page_headers = page_html.error_page(error)
        headers = [(b"content-type", b"text/html; charset=utf-8")]
        headers += [(k.lower().encode(), v.encode()) for k, v in page_headers.items()]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": error.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return
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
