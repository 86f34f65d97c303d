"""Outbound HTTP with an SSRF guard: only http(s), and no private, loopback, link-local,
multicast or reserved destinations unless CHARTER_ALLOW_PRIVATE_OUTBOUND is set.

The address that was checked is the address connected to: the request goes to the IP itself,
with the original `Host` header and, for https, the original name for SNI and certificate checks,
so a DNS answer that changes between the check and the connection (rebinding) cannot redirect it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from urllib.parse import urlsplit

import httpx

from charter.platform import http1, runtime
from charter.platform.errors import Invalid, Unavailable

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: where it sits is site-chosen
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d


class Unresolvable(Invalid):
    """The URL is well formed and its name does not resolve (yet): webhook registration accepts
    it and checks it again at each delivery."""


@dataclass(frozen=True)
class Answer:
    """What a receiver answered: status, headers (lower-case names) and the first bytes of the
    body (never more than the caller's bound is read)."""

    status: int
    headers: dict[str, str]
    excerpt: bytes
    seconds: float


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, which are where its packets end up."""
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)  # (server, client)
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return [ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)]
    return []


def is_forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether outbound calls may not reach `address`: private, loopback, link-local, shared,
    multicast, reserved or unspecified, itself or through an IPv4 address it embeds."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id or address in _NAT64_LOCAL:
            return True
        embedded = _embedded_ipv4(address)
        if embedded:
            return any(is_forbidden(ipv4) for ipv4 in embedded)
    return not address.is_global or address.is_multicast or address.is_reserved


def _address_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address written in its standard form needs no lookup: it is not queued in the
    executor behind name lookups that hang (a dead resolver for one endpoint's name would hold
    every thread). Other numeric spellings (`2130706433`, `0x7f.1`, leading zeros) are left to
    the resolver, which reads them as the connection would."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


async def resolve_checked(url: str, *, field: str = "url") -> str:
    """The address the URL may be called at; raise Invalid if it may not be called.

    Every address the name resolves to is checked (a name with one public and one private
    answer is refused), and the caller connects to the returned address, never to the name.
    Numeric spellings such as `2130706433` or `0x7f.1` resolve like the system resolver reads
    them, so they are checked as the address they mean.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        raise Invalid("The URL is not well formed", field=field) from None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Invalid("The URL's port is not a number from 1 to 65535", field=field) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid("Only http and https URLs with a host are allowed", field=field)
    if parts.username is not None or parts.password is not None:
        # They would travel in clear in logs and headers; receivers authenticate by signature.
        raise Invalid("URLs may not carry a user name or password", field=field)
    literal = _address_literal(parts.hostname)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            # The loop resolves in its executor: no blocking DNS on the event loop.
            infos = await asyncio.get_running_loop().getaddrinfo(
                parts.hostname, port, type=socket.SOCK_STREAM
            )
        except UnicodeError:
            raise Invalid(f"Cannot resolve {parts.hostname}", field=field) from None
        except socket.gaierror:
            raise Unresolvable(f"Cannot resolve {parts.hostname}", field=field) from None
        addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise Unresolvable(f"Cannot resolve {parts.hostname}", field=field)
    if not runtime.current().settings.allow_private_outbound:
        if any(is_forbidden(address) for address in addresses):
            raise Invalid("URLs may not point at private or internal addresses", field=field)
    return str(addresses[0])


async def post_json(url: str, body: bytes, headers: dict[str, str], timeout: float = 5.0) -> int:
    """POST an already serialised JSON body (so a signature over those bytes stays valid)."""
    answer = await send(url, body, headers, timeout=timeout)
    if answer.status >= 300:
        raise Unavailable(f"Delivery endpoint answered {answer.status}")
    return answer.status


@cache
def _tls() -> ssl.SSLContext:
    """One verifying TLS context per process (building one loads the CA bundle: milliseconds)."""
    return ssl.create_default_context()


async def send(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float = 5.0,
    excerpt_bytes: int = 0,
) -> Answer:
    """One POST on connections of its own (see `Session.send`)."""
    async with Session() as session:
        return await session.send(url, body, headers, timeout=timeout, excerpt_bytes=excerpt_bytes)


class Session:
    """Outbound calls that keep their connections open between calls (a delivery worker holds
    one for its life), pooled per scheme, host name, checked address and port, so a connection
    is only ever reused for the name it was opened and (https) verified for, at the address the
    guard checked. At most MAX_CLIENTS destinations are kept, the least recently used closed."""

    MAX_CLIENTS = 256

    def __init__(self) -> None:
        self._pool = http1.Pool(self.MAX_CLIENTS)

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        self._pool.close()

    async def send(
        self,
        url: str,
        body: bytes,
        headers: dict[str, str],
        *,
        timeout: float = 5.0,
        excerpt_bytes: int = 0,
    ) -> Answer:
        """POST `body` to the address the guard checked, within `timeout` seconds in all
        (connect, send, answer), reading at most `excerpt_bytes` of the answer's body; redirects
        are not followed. Raises Invalid (refused by the guard) or Unavailable (no answer in
        time, or the connection failed); any status is an answer."""
        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout):  # the name lookup counts against it too
                address = await resolve_checked(url)
                answer = await self._post(url, address, body, headers, excerpt_bytes)
        except TimeoutError:
            raise Unavailable(f"No answer within {timeout:g} s") from None
        return replace(answer, seconds=time.monotonic() - started)

    async def _post(
        self, url: str, address: str, body: bytes, headers: dict[str, str], excerpt_bytes: int
    ) -> Answer:
        try:
            target = _target(url)
            head = _head(target, body, headers)
        except (ValueError, UnicodeError, httpx.InvalidURL):
            raise Unavailable("Delivery failed: the request cannot be written") from None
        key = (target.scheme, target.server_name, address, target.port)
        tls = _tls() if target.scheme == "https" else None
        try:
            reply = await self._pool.send(key, head + body, max(excerpt_bytes, 0), tls)
        except ssl.SSLError as exc:
            raise Unavailable(f"Delivery failed: TLS: {exc.reason or type(exc).__name__}") from None
        except (OSError, http1.ProtocolFailure) as exc:
            raise Unavailable(f"Delivery failed: {_failure(exc)}") from None
        return Answer(status=reply.status, headers=reply.headers, excerpt=reply.body, seconds=0.0)


@dataclass(frozen=True)
class _Target:
    scheme: str
    host_header: str  # IDNA-encoded, with the port when the URL names one
    server_name: str  # for SNI and the certificate check
    port: int
    path: str  # percent-encoded path and query


@lru_cache(maxsize=1024)
def _target(url: str) -> _Target:
    """The parts of a request to `url`, spelled as httpx spells them (IDNA host names,
    percent-encoded paths); a worker sends to the same few URLs over and over."""
    parsed = httpx.URL(url)
    scheme = parsed.scheme
    port = parsed.port or (443 if scheme == "https" else 80)
    return _Target(
        scheme=scheme,
        host_header=parsed.netloc.decode("ascii"),
        server_name=parsed.raw_host.decode("ascii"),
        port=port,
        path=parsed.raw_path.decode("ascii") or "/",
    )


_FORBIDDEN = re.compile(r"[\r\n\0]")
USER_AGENT = "Charter"
_FIXED = {"Content-Type": "application/json", "Accept-Encoding": "identity"}
_OURS = {"host", "user-agent", "content-length", "connection", "transfer-encoding"}


def _head(target: _Target, body: bytes, headers: dict[str, str]) -> bytes:
    """The request line and headers, names spelled as given (a receiver's code may look them up
    with a case-sensitive key); a CR, LF or NUL in a header is refused (ValueError)."""
    given = {name.lower() for name in headers}
    fields = {name: value for name, value in _FIXED.items() if name.lower() not in given}
    fields.update(headers)
    lines = [
        f"POST {target.path} HTTP/1.1",
        f"Host: {target.host_header}",
        f"User-Agent: {USER_AGENT}",
        f"Content-Length: {len(body)}",
    ]
    for name, value in fields.items():
        if name.lower() in _OURS:
            continue
        if _FORBIDDEN.search(name) or _FORBIDDEN.search(value):
            raise ValueError(f"header {name} holds a line break or NUL")
        lines.append(f"{name}: {value}")
    text = "\r\n".join(lines)
    return (text + "\r\n\r\n").encode("latin-1")


def _failure(exc: BaseException) -> str:
    """What went wrong, in words, without any bytes the other side sent."""
    if isinstance(exc, http1.ProtocolFailure):
        return str(exc)
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError):
        return "connection reset"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__
