"""Who and what a request is: its id, client address, surface and operation; its log line.

Only CHARTER_TRUSTED_PROXIES decides whether forwarding headers (`X-Forwarded-For`, `-Proto`,
`-Host`) are believed, whatever server runs the app: the client and the scheme are computed here
from the socket peer, and `charter serve` turns uvicorn's own proxy-header handling off. A server
that rewrote the peer anyway (`uvicorn charter.asgi:app` without `--no-proxy-headers`) is
recognised, and its rewritten address is not believed (see `_rewritten_by_server`).
"""

from __future__ import annotations

import ipaddress
import logging
import random
import re
import secrets
import time
from datetime import UTC, datetime
from email.utils import format_datetime

from charter.http.pipeline.base import Message, Receive, Scope, Send, Stage
from charter.http.state import RequestState
from charter.platform import runtime
from charter.platform.spec import OperationInfo, operation_for, surface_for_path

log = logging.getLogger("charter.access")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# A DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port: what a Host
# header may be for Charter to build an absolute URL from it (no userinfo, path or spaces).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
SAFE_HOST = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:.]{{2,45}}\])(?::[0-9]{{1,5}})?")
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
        if not self.networks or peer is None or not forwarded_for or not self.trusts(peer):
            return peer
        for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
            if not self.trusts(hop):
                return hop
        return peer

    def trusts(self, address: str | None) -> bool:
        if not self.networks or not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


_proxies = TrustedProxies("")


def trusted_proxies() -> TrustedProxies:
    """CHARTER_TRUSTED_PROXIES, parsed once per value."""
    global _proxies
    spec = runtime.current().settings.trusted_proxies
    if _proxies.spec != spec:
        _proxies = TrustedProxies(spec)
    return _proxies


def _hop_address(hop: str) -> tuple[str, int]:
    """(host, port) of an X-Forwarded-For hop, port 0 when it has none (as uvicorn reads it)."""
    if hop.startswith("["):
        host, _, rest = hop[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif hop.count(":") == 1:
        host, _, port = hop.partition(":")
    else:
        host, port = hop, ""
    return host, int(port) if port.isdigit() else 0


def _rewritten_by_server(client: tuple | list | None, forwarded_for: str | None) -> bool:
    """Whether the server already replaced the socket peer with a hop of X-Forwarded-For.

    uvicorn's proxy headers (on by default for `uvicorn charter.asgi:app`) put a hop of the
    header in `scope["client"]`, with port 0 when the hop names none. A TCP peer never has port
    0, and a client can only match its own address and port by listing them itself; so such a
    client is one the server rewrote, and its real peer is unknown.
    """
    if not client or not forwarded_for:
        return False
    peer = (str(client[0]), int(client[1] or 0))
    return any(_hop_address(hop.strip()) == peer for hop in forwarded_for.split(","))


_warned_rewrite = False


def _peer(scope: Scope, forwarded_for: str | None) -> str | None:
    """The socket peer's address; None when the server replaced it with a forwarded one."""
    global _warned_rewrite
    client = scope.get("client")
    if _rewritten_by_server(client, forwarded_for):
        if not _warned_rewrite:
            _warned_rewrite = True
            logging.getLogger("charter").error(
                "the server rewrote client addresses from X-Forwarded-For; they are ignored. "
                "Run uvicorn with --no-proxy-headers (or `charter serve`) and set "
                "CHARTER_TRUSTED_PROXIES"
            )
        return None
    return client[0] if client else None


def _forwarded_for(scope: Scope) -> str | None:
    values = [v.decode("latin-1") for k, v in scope["headers"] if k.lower() == b"x-forwarded-for"]
    return ", ".join(values) if values else None


def _last_value(header: str | None) -> str:
    return (header or "").rsplit(",", 1)[-1].strip()


def _server_host(scope: Scope) -> str:
    server = scope.get("server")
    if not server:
        return "localhost"
    host = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
    return f"{host}:{server[1]}" if server[1] else host


def base_url(scope: Scope) -> str:
    """scheme://host[/prefix] at which clients reach Charter: CHARTER_PUBLIC_URL when set.

    Unset (development), it is derived from the request: the Host header if it is a plain
    host[:port] (otherwise the server's own address), and `X-Forwarded-Host` and
    `X-Forwarded-Proto` only from a trusted proxy.
    """
    public_url = runtime.current().settings.public_url
    if public_url:
        return public_url
    headers: dict[str, str] = scope.get("charter_headers") or {
        k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]
    }
    scheme, host = scope.get("scheme") or "http", headers.get("host", "")
    if trusted_proxies().trusts(_peer(scope, _forwarded_for(scope))):
        host = _last_value(headers.get("x-forwarded-host")) or host
        proto = _last_value(headers.get("x-forwarded-proto")).lower()
        scheme = proto if proto in ("http", "https") else scheme
    if scheme not in ("http", "https"):
        scheme = "http"
    if len(host) > 255 or not SAFE_HOST.fullmatch(host):
        host = _server_host(scope)
    return f"{scheme}://{host}"


def public_location(scope: Scope, location: str) -> str:
    """An absolute Location naming this server (as frameworks build it from the request's Host
    header or the server address, as Starlette's trailing-slash redirect did before it was
    turned off) moved onto `base_url`. Any other Location is left as it is."""
    scheme, sep, rest = location.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return location
    authority, slash, path = rest.partition("/")
    authority, query_mark, query = authority.partition("?")
    server = _server_host(scope)
    own = {
        (scope.get("charter_headers") or {}).get("host", "").lower(),
        server.lower(),
        server.rsplit(":", 1)[0].lower() if not server.endswith("]") else server.lower(),
    }
    if authority.lower() not in own - {""}:
        return location
    return base_url(scope) + slash + path + query_mark + query


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

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        path, method = scope["path"], scope["method"]
        forwarded_for = _forwarded_for(scope) if "x-forwarded-for" in headers else None
        state = RequestState(
            request_id=given if REQUEST_ID.match(given) else new_request_id(),
            client_ip=trusted_proxies().client_ip(_peer(scope, forwarded_for), forwarded_for),
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
                raw = [
                    (k, _location(scope, v) if k.lower() == b"location" else v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in extra
                ]
                message = {**message, "headers": raw + list(extra.items())}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _location(scope: Scope, value: bytes) -> bytes:
    return public_location(scope, value.decode("latin-1")).encode("latin-1")


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
                        "path": state.logged_path,
                        "status": state.status,
                        "client_closed": state.client_closed,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "principal": principal.id if principal else None,
                        "organization_id": principal.organization_id if principal else None,
                        "client_ip": state.client_ip,
                    }
                },
            )
