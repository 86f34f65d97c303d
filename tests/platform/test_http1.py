"""The outbound HTTP/1.1 client (charter.platform.http1, through outbound.Session): what it reads
of an answer, when it reuses a connection, and how each failure comes back (Unavailable, never
anything else). Each test talks to a scripted asyncio server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from charter.platform import http1, outbound, runtime
from charter.platform.errors import Unavailable

from .test_outbound import _Resolver

Reply = Callable[
    [int, bytes], bytes | None
]  # (request number on the connection, request) -> answer


@dataclass
class Server:
    """Answers each request on each connection with `reply(n, request)`: bytes to send, or None
    to close the connection without answering. Closes after answering when `close_after`."""

    reply: Reply
    close_after: bool = False
    delay: float = 0.0
    tls: ssl.SSLContext | None = None
    connections: int = 0
    requests: list[bytes] = field(default_factory=list)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        n = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                request = head + await reader.readexactly(length)
                self.requests.append(request)
                n += 1
                answer = self.reply(n, request)
                if answer is None:
                    return
                if self.delay:
                    try:  # the client closing its end ends the wait
                        if not await asyncio.wait_for(reader.read(1), self.delay):
                            return
                    except TimeoutError:
                        pass
                writer.write(answer)
                await writer.drain()
                if self.close_after:
                    return
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
            self.closed.set()

    async def __aenter__(self) -> Server:
        self._server = await asyncio.start_server(self.handle, "127.0.0.1", 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()

    def url(self, path: str = "/hook", host: str = "127.0.0.1") -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{host}:{self.port}{path}"


def answer(text: str, body: bytes = b"") -> Reply:
    return lambda _n, _request: text.encode() + body


OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


@pytest.fixture
def private(app, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "allow_private_outbound", True)


def run(test: Callable[[outbound.Session], Awaitable[None]]) -> None:
    async def main() -> None:
        async with outbound.Session() as session:
            await test(session)

    asyncio.run(main())


def test_a_connection_is_kept_for_the_next_request(private):
    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK)) as server:
            for _ in range(3):
                got = await session.send(server.url(), b"{}", {}, excerpt_bytes=100)
                assert (got.status, got.excerpt) == (200, b"ok")
            assert server.connections == 1
            assert len(server.requests) == 3

    run(test)


def test_the_request_is_written_as_given(private):
    async def test(session: outbound.Session) -> None:
        async with Server(answer("HTTP/1.1 204 No Content\r\n\r\n")) as server:
            headers = {"X-Charter-Signature": "sha256=ab", "content-type": "application/x"}
            url = server.url("/in/a b?x=1&y=é")
            got = await session.send(url, b'{"a": 1}', headers)
            assert got.status == 204
        head, _, body = server.requests[0].partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        assert lines[0] == b"POST /in/a%20b?x=1&y=%C3%A9 HTTP/1.1"
        assert f"Host: 127.0.0.1:{server.port}".encode() in lines
        assert b"X-Charter-Signature: sha256=ab" in lines  # names as the caller spelled them
        assert b"content-type: application/x" in lines  # the caller's replaces the default
        assert b"Content-Type: application/json" not in lines
        assert b"Content-Length: 8" in lines
        assert body == b'{"a": 1}'

    run(test)


def test_a_header_with_a_line_break_is_never_sent(private):
    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK)) as server:
            with pytest.raises(Unavailable, match="cannot be written"):
                await session.send(server.url(), b"{}", {"X-A": "1\r\nX-Injected: 1"})
            assert server.requests == []

    run(test)


def test_a_server_closing_after_each_answer_gets_a_new_connection(private):
    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK), close_after=True) as server:
            for _ in range(3):
                assert (await session.send(server.url(), b"{}", {})).status == 200
                await asyncio.sleep(0.05)  # the close reaches the idle connection
            assert server.connections == 3
            assert len(server.requests) == 3

    run(test)


def test_connection_close_is_honoured(private):
    async def test(session: outbound.Session) -> None:
        reply = answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        async with Server(reply) as server:
            for _ in range(2):
                assert (await session.send(server.url(), b"{}", {})).status == 200
            assert server.connections == 2

    run(test)


def test_a_request_is_never_sent_twice(private):
    """A reused connection closed after the request left and before any answer: the server may
    have acted on it (a POST is not replayable), so it is a failure, not a resend; the next
    request gets a new connection."""

    async def test(session: outbound.Session) -> None:
        def second_unanswered(n: int, _request: bytes) -> bytes | None:
            return OK.encode() if n == 1 else None

        async with Server(second_unanswered) as server:
            assert (await session.send(server.url(), b"{}", {})).status == 200
            with pytest.raises(Unavailable, match="closed before an answer"):
                await session.send(server.url(), b"{}", {})
            assert len(server.requests) == 2
            assert (await session.send(server.url(), b"{}", {})).status == 200
            assert (server.connections, len(server.requests)) == (2, 3)

    run(test)


def test_an_idle_connection_is_not_kept_past_the_usual_server_timeout(private, monkeypatch):
    monkeypatch.setattr(http1, "IDLE_SECONDS", 0.05)

    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK)) as server:
            assert (await session.send(server.url(), b"{}", {})).status == 200
            await asyncio.sleep(0.1)
            assert (await session.send(server.url(), b"{}", {})).status == 200
            assert server.connections == 2

    run(test)


def test_endless_headers_fail_the_request(private):
    """A receiver streaming headers forever fails it once the head passes MAX_HEAD_BYTES."""

    async def test(session: outbound.Session) -> None:
        flood = "X-A: " + "a" * 100 + "\r\n"
        reply = answer("HTTP/1.1 200 OK\r\n" + flood * (http1.MAX_HEAD_BYTES // 100))
        async with Server(reply) as server:
            with pytest.raises(Unavailable, match="headers are too large"):
                await session.send(server.url(), b"{}", {})

    run(test)


def test_a_second_answer_to_one_request_retires_the_connection(private):
    async def test(session: outbound.Session) -> None:
        extra = OK + "HTTP/1.1 503 No\r\nRetry-After: 86400\r\nContent-Length: 0\r\n\r\n"
        async with Server(answer(extra)) as server:
            got = await session.send(server.url(), b"{}", {}, excerpt_bytes=10)
            assert (got.status, got.excerpt) == (200, b"ok")
            assert "retry-after" not in got.headers
            assert (await session.send(server.url(), b"{}", {})).status == 200
            assert server.connections == 2

    run(test)


def test_a_name_the_request_cannot_carry_is_unavailable(private, monkeypatch):
    _Resolver(monkeypatch, {"\u2603.net": [["127.0.0.1"]]})

    async def test(session: outbound.Session) -> None:
        with pytest.raises(Unavailable, match="cannot be written"):
            await session.send("http://\u2603.net/hook", b"{}", {})

    run(test)


def test_a_chunked_answer_is_read_and_the_connection_kept(private):
    async def test(session: outbound.Session) -> None:
        chunked = (
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
        )
        async with Server(answer(chunked)) as server:
            for _ in range(2):
                got = await session.send(server.url(), b"{}", {}, excerpt_bytes=100)
                assert got.excerpt == b"abcde"
                assert got.headers["transfer-encoding"] == "chunked"
            assert server.connections == 1

    run(test)


def test_no_more_than_the_excerpt_is_kept_and_a_long_answer_is_not_read_on(private):
    async def test(session: outbound.Session) -> None:
        long = f"HTTP/1.1 500 Oops\r\nContent-Length: {1 << 20}\r\n\r\n"
        async with Server(answer(long, b"x" * (1 << 20))) as server:
            got = await session.send(server.url(), b"{}", {}, excerpt_bytes=10)
            assert (got.status, got.excerpt) == (500, b"x" * 10)
            got = await session.send(server.url(), b"{}", {}, excerpt_bytes=0)
            assert (got.status, got.excerpt) == (500, b"")
            assert server.connections == 2  # not reused: the rest was never read

    run(test)


def test_an_answer_ended_by_closing_the_connection(private):
    async def test(session: outbound.Session) -> None:
        reply = answer("HTTP/1.0 200 OK\r\n\r\n", b"until the end")
        async with Server(reply, close_after=True) as server:
            got = await session.send(server.url(), b"{}", {}, excerpt_bytes=100)
            assert (got.status, got.excerpt) == (200, b"until the end")

    run(test)


def test_an_interim_answer_is_skipped(private):
    async def test(session: outbound.Session) -> None:
        reply = answer(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
        )
        async with Server(reply) as server:
            assert (await session.send(server.url(), b"{}", {})).status == 202
            assert (await session.send(server.url(), b"{}", {})).status == 202
            assert server.connections == 1

    run(test)


def test_repeated_headers_are_joined(private):
    async def test(session: outbound.Session) -> None:
        reply = answer(
            "HTTP/1.1 429 Slow\r\nX-A: 1\r\nx-a: 2\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n"
        )
        async with Server(reply) as server:
            got = await session.send(server.url(), b"{}", {})
            assert got.headers["x-a"] == "1, 2"
            assert got.headers["retry-after"] == "7"

    run(test)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ("garbage\r\n\r\n", "malformed answer"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "in the middle of the answer"),
        ("HTTP/1.1 2", "in the middle of the answer"),
    ],
)
def test_a_broken_answer_is_unavailable(private, reply, message):
    async def test(session: outbound.Session) -> None:
        async with Server(answer(reply), close_after=True) as server:
            with pytest.raises(Unavailable, match=message):
                await session.send(server.url(), b"{}", {}, excerpt_bytes=100)

    run(test)


def test_no_answer_in_time_closes_the_connection(private):
    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK), delay=5) as server:
            with pytest.raises(Unavailable, match="No answer within 0.2 s"):
                await session.send(server.url(), b"{}", {}, timeout=0.2)
            await asyncio.wait_for(server.closed.wait(), 2)  # the server saw the connection end

    run(test)


def test_a_refused_connection_is_unavailable(private):
    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK)) as server:
            url = server.url()
        with pytest.raises(Unavailable, match="connection refused"):
            await session.send(url, b"{}", {})

    run(test)


# TLS: the name is what is verified, the checked address what is connected to -----------------


def _certificates(name: str) -> tuple[bytes, bytes, bytes]:
    """(CA certificate, server certificate for `name`, server key), PEM."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Charter test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    key_pem = key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return ca.public_bytes(pem), leaf.public_bytes(pem), key_pem


def _tls_server(tmp_path, name: str) -> tuple[ssl.SSLContext, ssl.SSLContext, list[str]]:
    """(server context with a certificate for `name`, a client context trusting its CA, the
    SNI names the server was sent)."""
    ca, leaf, key = _certificates(name)
    (tmp_path / "leaf.pem").write_bytes(leaf)
    (tmp_path / "key.pem").write_bytes(key)
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "key.pem")
    sni: list[str] = []
    server.sni_callback = lambda _sock, server_name, _ctx: sni.append(server_name) and None
    client = ssl.create_default_context(cadata=ca.decode())
    return server, client, sni


def test_https_verifies_the_name_at_the_checked_address(private, monkeypatch, tmp_path):
    server_tls, client_tls, sni = _tls_server(tmp_path, "hooks.example")
    monkeypatch.setattr(outbound, "_tls", lambda: client_tls)
    _Resolver(monkeypatch, {"hooks.example": [["127.0.0.1"]], "other.example": [["127.0.0.1"]]})

    async def test(session: outbound.Session) -> None:
        async with Server(answer(OK), tls=server_tls) as server:
            for _ in range(2):
                got = await session.send(
                    server.url(host="hooks.example"), b"{}", {}, excerpt_bytes=9
                )
                assert (got.status, got.excerpt) == (200, b"ok")
            assert server.connections == 1
            assert sni == ["hooks.example"]
            assert f"Host: hooks.example:{server.port}".encode() in server.requests[0]
            # The same address under a name the certificate does not carry.
            with pytest.raises(Unavailable, match="TLS"):
                await session.send(server.url(host="other.example"), b"{}", {})
            assert len(server.requests) == 2

    run(test)
