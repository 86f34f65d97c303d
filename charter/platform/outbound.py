"""Outbound HTTP with an SSRF guard: only http(s), and no private, loopback, link-local,
multicast or reserved destinations unless CHARTER_ALLOW_PRIVATE_OUTBOUND is set.

The address that was checked is the address connected to: the request goes to the IP itself,
with the original `Host` header and, for https, the original name for SNI and certificate checks,
so a DNS answer that changes between the check and the connection (rebinding) cannot redirect it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit, urlunsplit

import httpx

from charter.platform import runtime
from charter.platform.errors import Invalid, Unavailable


async def resolve_checked(url: str, *, field: str = "url") -> str:
    """The address the URL may be called at; raise Invalid if it may not be called."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("Only http and https URLs with a host are allowed", field=field)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        # The loop resolves in its executor: no blocking DNS on the event loop.
        infos = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, port, type=socket.SOCK_STREAM
        )
    except socket.gaierror:
        raise Invalid(f"Cannot resolve {parts.hostname}", field=field) from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not runtime.current().settings.allow_private_outbound:
        for address in addresses:
            if not address.is_global or address.is_multicast:
                raise Invalid("URLs may not point at private or internal addresses", field=field)
    return str(addresses[0])


async def post_json(url: str, body: bytes, headers: dict[str, str], timeout: float = 5.0) -> int:
    """POST an already serialised JSON body (so a signature over those bytes stays valid)."""
    address = await resolve_checked(url)
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{parts.port}" if parts.port else host
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
            request = client.build_request(
                "POST",
                pinned,
                content=body,
                headers={"Content-Type": "application/json", "Host": parts.netloc, **headers},
                extensions={"sni_hostname": parts.hostname} if parts.scheme == "https" else {},
            )
            response = await client.send(request)
    except httpx.HTTPError as exc:
        raise Unavailable(f"Delivery failed: {type(exc).__name__}") from None
    if response.status_code >= 300:
        raise Unavailable(f"Delivery endpoint answered {response.status_code}")
    return response.status_code
