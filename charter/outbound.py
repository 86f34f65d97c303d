"""Outbound HTTP with an SSRF guard: only http(s), and no private, loopback, link-local,
multicast or reserved destinations unless CHARTER_ALLOW_PRIVATE_OUTBOUND is set."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from charter import runtime
from charter.errors import Invalid, Unavailable


def check_url(url: str, *, field: str = "url") -> None:
    """Raise Invalid unless the URL may be called from the server."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("Only http and https URLs with a host are allowed", field=field)
    if runtime.current().settings.allow_private_outbound:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise Invalid(f"Cannot resolve {parts.hostname}", field=field) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise Invalid("URLs may not point at private or internal addresses", field=field)


def post_json(url: str, body: bytes, headers: dict[str, str], timeout: float = 5.0) -> int:
    """POST an already serialised JSON body (so a signature over those bytes stays valid)."""
    check_url(url)
    try:
        response = httpx.post(
            url,
            content=body,
            headers={"Content-Type": "application/json", **headers},
            timeout=timeout,
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        raise Unavailable(f"Delivery failed: {type(exc).__name__}") from None
    if response.status_code >= 300:
        raise Unavailable(f"Delivery endpoint answered {response.status_code}")
    return response.status_code
