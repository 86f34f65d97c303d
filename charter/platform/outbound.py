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
import ssl
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit, urlunsplit

import httpx

from charter.platform import runtime
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
    one for its life): one httpx client per scheme, host name, checked address and port, so a
    connection is only ever reused for the name it was opened and (https) verified for, at the
    address the guard checked. At most MAX_CLIENTS are kept, the least recently used closed."""

    MAX_CLIENTS = 256

    def __init__(self) -> None:
        self._clients: OrderedDict[tuple[str, str, str, int | None], httpx.AsyncClient] = (
            OrderedDict()
        )

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), OrderedDict()
        for client in clients:
            await client.aclose()

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
                answer = await self._post(url, address, body, headers, timeout, excerpt_bytes)
        except TimeoutError:
            raise Unavailable(f"No answer within {timeout:g} s") from None
        return replace(answer, seconds=time.monotonic() - started)

    def _client(self, key: tuple[str, str, str, int | None]) -> httpx.AsyncClient:
        client = self._clients.get(key)
        if client is not None:
            self._clients.move_to_end(key)
            return client
        client = httpx.AsyncClient(follow_redirects=False, verify=_tls(), trust_env=False)
        self._clients[key] = client
        if len(self._clients) > self.MAX_CLIENTS:
            _, oldest = self._clients.popitem(last=False)
            task = asyncio.get_running_loop().create_task(oldest.aclose())
            _closing.add(task)
            task.add_done_callback(_closing.discard)
        return client

    async def _post(
        self,
        url: str,
        address: str,
        body: bytes,
        headers: dict[str, str],
        timeout: float,
        excerpt_bytes: int,
    ) -> Answer:
        parts = urlsplit(url)
        host = f"[{address}]" if ":" in address else address
        netloc = f"{host}:{parts.port}" if parts.port else host
        pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        try:
            target = httpx.URL(url)
            # Host as httpx spells it: IDNA-encoded, never a user name or password.
            host_header = target.netloc.decode("ascii")
            server_name = target.raw_host.decode("ascii")
            client = self._client((parts.scheme, server_name, address, parts.port))
            request = client.build_request(
                "POST",
                pinned,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "Accept-Encoding": "identity",  # the excerpt is raw bytes: no decompression
                    "Host": host_header,
                    **headers,
                },
                timeout=timeout,
                extensions={"sni_hostname": server_name} if parts.scheme == "https" else {},
            )
            response = await client.send(request, stream=True)
            try:
                excerpt = await _read_some(response, excerpt_bytes)
            finally:
                await response.aclose()
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise Unavailable(f"Delivery failed: {type(exc).__name__}") from None
        return Answer(
            status=response.status_code,
            headers={k.lower(): v for k, v in response.headers.items()},
            excerpt=excerpt,
            seconds=0.0,
        )


_closing: set[asyncio.Task[None]] = set()  # evicted clients being closed


async def _read_some(response: httpx.Response, limit: int) -> bytes:
    """Up to `limit` bytes of the body; the rest is never read."""
    if limit <= 0:
        return b""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]
