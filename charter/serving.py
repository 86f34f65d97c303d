"""How `charter serve` runs the app, the same way in both launch paths (one uvicorn process, or
gunicorn with uvicorn workers):

- uvicorn's proxy-header handling is off: CHARTER_TRUSTED_PROXIES alone decides whether
  `X-Forwarded-*` is believed, in the app (charter.http.pipeline.context). uvicorn's default
  believes them from loopback peers.
- At most CHARTER_MAX_CONNECTIONS connections per process (uvicorn's `limit_concurrency`,
  which counts open connections and running requests): beyond it requests are answered 503, so
  thousands of slow clients cannot grow a process's memory without bound.
- A request head (request line and headers) must arrive whole within CHARTER_HEADER_TIMEOUT.
  uvicorn 0.54 bounds nothing but the idle time between keep-alive requests
  (`timeout_keep_alive`): a connection that sends half a head, or nothing, is kept for ever.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn_worker import UvicornWorker  # type: ignore[import-untyped]

from charter.platform.settings import Settings, get_settings


class HeadTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request head is late.

    The clock starts when the connection opens and when a further request on it begins, and
    stops when the head is complete; reading the body is bounded by the request deadline.
    """

    head_timeout: float | None = None  # None: CHARTER_HEADER_TIMEOUT
    _head_timer: asyncio.TimerHandle | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_seconds = self.head_timeout or get_settings().header_timeout

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        self._arm_head_timer()
        super().on_message_begin()

    def on_headers_complete(self) -> None:
        self._disarm_head_timer()
        super().on_headers_complete()

    def _arm_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self._head_seconds, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined head waits behind a request still running: its time starts later.
            self._arm_head_timer()
        elif not self.transport.is_closing():
            self.transport.close()


def head_timeout_protocol(seconds: float) -> type[HeadTimeoutProtocol]:
    return type("HeadTimeoutProtocol", (HeadTimeoutProtocol,), {"head_timeout": seconds})


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn.Config arguments both launch paths share."""
    return {
        "proxy_headers": False,
        "limit_concurrency": settings.max_connections,
        "http": head_timeout_protocol(settings.header_timeout),
    }


class Worker(UvicornWorker):
    """The gunicorn worker class of `charter serve --workers N` (uvicorn-worker's, which
    passes gunicorn's settings to uvicorn but neither `proxy_headers` nor `limit_concurrency`,
    with the options above)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.CONFIG_KWARGS = {**UvicornWorker.CONFIG_KWARGS, **uvicorn_options(get_settings())}
        super().__init__(*args, **kwargs)
