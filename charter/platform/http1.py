"""A lean HTTP/1.1 client for outbound POSTs (webhook deliveries and the senders): an asyncio
Protocol around httptools' llhttp parser, with keep-alive connections pooled per destination.

Why not httpx: its layers (anyio, httpcore, h11) cost ~0.5 ms of CPU per request on the machine
the benchmarks run on, this ~0.03 ms; a delivery worker spends its CPU on requests. It does one
thing: send a request whose bytes are already built (`outbound` builds them, after its guard
checked the address) to an address it is told, and read the status, the headers and at most
`limit` bytes of the body. It follows no redirects, decodes no content encodings and never
pipelines: one request at a time per connection.

- A connection is reused only when the answer said keep-alive and was read to its end within
  `limit`; otherwise it is closed (the rest of a long body is never read).
- A pooled connection the server closed while it sat idle is noticed (end of stream) and
  dropped, and one idle for IDLE_SECONDS is not reused (servers commonly time idle connections
  out after 5 s). A request is never sent twice: a connection closed after the request left and
  before any answer is a failure (a POST is not replayable; Go's net/http does not resend one
  either), which a webhook's retry schedule takes care of.
- An answer's head may hold at most MAX_HEAD_BYTES (h11, which httpx used, allows 16 KiB): a
  receiver streaming headers forever fails the request instead of filling memory.
- Cancellation (the caller's timeout) closes the connection.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import OrderedDict
from dataclasses import dataclass

import httptools

IDLE_SECONDS = 4.0  # a pooled connection unused this long is closed rather than reused
MAX_HEAD_BYTES = 64 * 1024
MAX_IDLE_PER_HOST = 32


class ProtocolFailure(Exception):
    """The connection failed or the answer was not HTTP/1.1 as it should be; `str()` says how,
    without any of the bytes received."""


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes  # at most the limit asked for
    reusable: bool


class _Connection(asyncio.Protocol):
    """One connection, one request at a time; the parser's callbacks are methods of this."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = time.monotonic()
        self._waiter: asyncio.Future[Reply] | None = None
        self._parser: httptools.HttpResponseParser | None = None
        self._limit = 0
        self._received = False
        self._status = 0
        self._headers: dict[str, list[str]] = {}
        self._headers_done = False
        self._head_bytes = 0
        self._body = bytearray()
        self._overflow = False

    # asyncio.Protocol --------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():  # bytes nobody asked for: the connection is unusable
            self.close()
            return
        self._received = True
        try:
            self._parser.feed_data(data)  # type: ignore[union-attr]
        except httptools.HttpParserUpgrade:
            self._finish(reusable=False)
        except httptools.HttpParserError:
            self._fail(ProtocolFailure("malformed answer"))
        if self._overflow:  # the answer did not end within what arrived: the rest is not read
            self._finish(reusable=False)
        elif not self._headers_done:  # a read is at most 256 KiB: checked after each
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self._fail(ProtocolFailure("the answer's headers are too large"))

    def eof_received(self) -> bool:
        self._ended()
        return False  # the transport closes itself

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._ended()

    # httptools callbacks -----------------------------------------------------------------------

    def on_message_begin(self) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():  # a second answer to one request: never reused
            self.close()

    def on_header(self, name: bytes, value: bytes) -> None:
        key = name.decode("latin-1").lower()
        self._headers.setdefault(key, []).append(value.decode("latin-1"))

    def on_headers_complete(self) -> None:
        self._status = self._parser.get_status_code()  # type: ignore[union-attr]
        self._headers_done = True

    def on_body(self, body: bytes) -> None:
        room = self._limit - len(self._body)
        if room > 0:
            self._body += body[:room]
        if len(body) > room:  # more than the bound: once what arrived is parsed, no more is read
            self._overflow = True

    def on_message_complete(self) -> None:
        if 100 <= self._status < 200 and self._status != 101:  # interim: the answer follows
            self._status, self._headers, self._headers_done = 0, {}, False
            self._head_bytes = 0
            return
        keep = self._parser.should_keep_alive() and self._status != 101  # type: ignore[union-attr]
        self._finish(reusable=keep)

    # the request -------------------------------------------------------------------------------

    async def request(self, data: bytes, limit: int) -> Reply:
        """Send `data` (a whole request) and wait for the answer."""
        if self.closed or self.transport is None or self.transport.is_closing():
            raise ProtocolFailure("connection closed")
        self._waiter = asyncio.get_running_loop().create_future()
        self._parser = httptools.HttpResponseParser(self)
        self._limit, self._received = limit, False
        self._status, self._headers, self._headers_done = 0, {}, False
        self._head_bytes = 0
        self._body, self._overflow = bytearray(), False
        self.transport.write(data)
        try:
            return await self._waiter
        except BaseException:
            self.close()  # cancelled or failed: never reused
            raise
        finally:
            self._waiter = None
            self.idle_since = time.monotonic()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def _ended(self) -> None:
        """The peer closed the connection (or it was lost)."""
        self.closed = True
        if self._headers_done and self._until_close():  # its body ends with the connection
            self._finish(reusable=False)
        elif self._received:
            self._fail(ProtocolFailure("connection closed in the middle of the answer"))
        else:
            self._fail(ProtocolFailure("connection closed before an answer"))

    def _until_close(self) -> bool:
        """Is the body delimited by the end of the connection (neither a length nor chunks)?"""
        framing = ",".join(self._headers.get("transfer-encoding", ())).lower()
        return "content-length" not in self._headers and "chunked" not in framing

    def _finish(self, *, reusable: bool) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():
            return
        headers = {name: ", ".join(values) for name, values in self._headers.items()}
        reply = Reply(self._status, headers, bytes(self._body), reusable and not self.closed)
        waiter.set_result(reply)

    def _fail(self, exc: Exception) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)


Key = tuple[str, str, str, int]  # scheme, TLS server name, address, port


class Pool:
    """Idle connections per destination, at most `max_hosts` destinations kept (the least
    recently used closed first) and MAX_IDLE_PER_HOST per destination."""

    def __init__(self, max_hosts: int) -> None:
        self.max_hosts = max_hosts
        self._idle: OrderedDict[Key, list[_Connection]] = OrderedDict()

    async def send(self, key: Key, data: bytes, limit: int, tls: ssl.SSLContext | None) -> Reply:
        connection = self._checkout(key) or await self._connect(key, tls)
        reply = await connection.request(data, limit)
        if reply.reusable:
            self._checkin(key, connection)
        else:
            connection.close()
        return reply

    def close(self) -> None:
        idle, self._idle = self._idle, OrderedDict()
        for connections in idle.values():
            for connection in connections:
                connection.close()

    def _checkout(self, key: Key) -> _Connection | None:
        connections = self._idle.get(key)
        if not connections:
            return None
        self._idle.move_to_end(key)
        now = time.monotonic()
        while connections:
            connection = connections.pop()  # the most recently used: the least likely timed out
            if not connection.closed and now - connection.idle_since < IDLE_SECONDS:
                return connection
            connection.close()
        return None

    def _checkin(self, key: Key, connection: _Connection) -> None:
        connections = self._idle.setdefault(key, [])
        self._idle.move_to_end(key)
        if len(connections) >= MAX_IDLE_PER_HOST:
            connection.close()
            return
        connections.append(connection)
        while len(self._idle) > self.max_hosts:
            _, evicted = self._idle.popitem(last=False)
            for old in evicted:
                old.close()

    @staticmethod
    async def _connect(key: Key, tls: ssl.SSLContext | None) -> _Connection:
        scheme, server_name, address, port = key
        loop = asyncio.get_running_loop()
        if scheme == "https":
            assert tls is not None
            _, connection = await loop.create_connection(
                _Connection, address, port, ssl=tls, server_hostname=server_name
            )
        else:
            _, connection = await loop.create_connection(_Connection, address, port)
        return connection
