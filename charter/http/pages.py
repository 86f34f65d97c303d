"""Server-rendered pages (Flask, WSGI), mounted beside the API: the root documentation index
and the OAuth login and consent pages (`charter.http.oauth_pages`).

Pages run in WSGI worker threads; they reach the async services on the event loop that serves
their request through `call_async`, never by opening a second loop or a blocking database
connection of their own.
"""

from __future__ import annotations

import asyncio
import contextvars
import html
from collections.abc import Coroutine
from typing import Any, TypeVar

from a2wsgi import WSGIMiddleware
from flask import Flask

from charter.http import oauth_pages
from charter.platform import health
from charter.platform.spec import SURFACES, bundled_spec

T = TypeVar("T")
PATHS = ("/docs", "/oauth/authorize")
_loop: contextvars.ContextVar[asyncio.AbstractEventLoop] = contextvars.ContextVar("pages_loop")


def surfaces() -> list[dict[str, str]]:
    result = []
    for surface, mount in SURFACES.items():
        info = bundled_spec(surface)["info"]
        result.append(
            {
                "name": surface,
                "title": info["title"],
                "version": info["version"],
                "status": info.get("x-api-status", "stable"),
                "base_path": mount,
                "openapi": f"{mount}/openapi.json",
                "docs": f"{mount}/docs/",
            }
        )
    return result


def call_async(coroutine: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
    """Run a coroutine on the event loop serving this page's request, from its WSGI thread."""
    future = asyncio.run_coroutine_threadsafe(coroutine, _loop.get())
    try:
        return future.result(timeout)
    except TimeoutError:
        future.cancel()  # the page gives up: so does the work it asked for
        raise


def create_pages() -> Flask:
    flask_app = Flask(__name__)

    @flask_app.get("/docs")
    def root_docs() -> Any:
        readiness = call_async(health.readiness())
        items = "".join(
            f'<li><a href="{html.escape(s["docs"])}">{html.escape(s["title"])}</a> '
            f"{html.escape(s['version'])} ({html.escape(s['status'])}) at "
            f"<code>{html.escape(s['base_path'])}</code> - "
            f'<a href="{html.escape(s["openapi"])}">openapi.json</a></li>'
            for s in surfaces()
        )
        page = (
            "<!doctype html><title>Charter API</title>"
            f"<h1>Charter API surfaces</h1><ul>{items}</ul>"
            f"<p>Service: <strong>{html.escape(readiness['status'])}</strong></p>"
        )
        return flask_app.response_class(page, mimetype="text/html")

    oauth_pages.register(flask_app, call_async)
    return flask_app


class PagesApp:
    """The pages as an ASGI app (a2wsgi thread pool), remembering the loop for `call_async`."""

    def __init__(self, threads: int) -> None:
        self.wsgi = WSGIMiddleware(create_pages(), workers=threads)  # type: ignore[arg-type]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        _loop.set(asyncio.get_running_loop())  # a2wsgi copies the context into its thread
        await self.wsgi(scope, receive, send)
