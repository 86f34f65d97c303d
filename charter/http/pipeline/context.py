"""Who and what a request is: its id, client address, surface and operation; its log line."""

from __future__ import annotations

import ipaddress
import logging
import random
import re
import secrets
import time
from datetime import UTC, datetime
from email.utils import format_datetime

from charter.http.pipeline.base import ASGIApp, Message, Receive, Scope, Send, Stage
from charter.http.state import RequestState
from charter.platform import runtime
from charter.platform.spec import OperationInfo, operation_for, surface_for_path

log = logging.getLogger("charter.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Request ids need uniqueness, not secrecy: a seeded PRNG avoids a getrandom() system call per
# request on the event loop.
_request_ids = random.Random(secrets.randbits(128))  # noqa: S311


def new_request_id() -> str:
    return f"req_{_request_ids.getrandbits(64):016x}"


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
