"""The SSRF guard of outbound HTTP: what may be called, and that the checked address is the one
connected to."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from charter.platform import outbound, runtime
from charter.platform.errors import Invalid

FORBIDDEN = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "0.0.0.0",  # noqa: S104
    "240.0.0.1",
    "255.255.255.255",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "2001:db8::1",
    "::127.0.0.1",  # IPv4-compatible
    "::169.254.169.254",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",  # NAT64, well-known prefix
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::808:808",  # NAT64, local-use prefix: where the IPv4 address sits is site-chosen
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a00:1::1",  # 6to4 of 10.0.0.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
]
ALLOWED = [
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_private_and_internal_addresses_are_forbidden(address):
    assert outbound.is_forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_are_allowed(address):
    assert not outbound.is_forbidden(ipaddress.ip_address(address))


@pytest.fixture
def guarded(app, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "allow_private_outbound", False)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/hook",
        "http://[::127.0.0.1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b:1::a00:1]/",
        "http://[2002:7f00:1::]/",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
        "http://2130706433/",  # 127.0.0.1 in decimal
        "http://0x7f.1/",  # in hexadecimal, short form
        "http://017700000001/",  # in octal
        "http://0x7f000001/",
        "http://127.1/",
        "http://0/",
        "https://169.254.169.254/latest/meta-data/",
        "http://[fe80::1%25eth0]/",
    ],
)
def test_urls_reaching_internal_addresses_are_refused(guarded, url):
    with pytest.raises(Invalid) as raised:
        asyncio.run(outbound.resolve_checked(url))
    assert [e.field for e in raised.value.errors] == ["url"]


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://8.8.8.8/", "Only http and https"),
        ("http:///path", "Only http and https"),
        ("http://8.8.8.8:99999/", "port"),
        ("http://8.8.8.8:port/", "port"),
        ("http://" + "a" * 70 + ".example/", "Cannot resolve"),
    ],
)
def test_malformed_urls_are_invalid_not_errors(guarded, url, message):
    with pytest.raises(Invalid, match=message):
        asyncio.run(outbound.resolve_checked(url))


@pytest.mark.parametrize(
    "url, address",
    [
        ("http://8.8.8.8/", "8.8.8.8"),
        ("http://134744072/", "8.8.8.8"),  # decimal spellings of public addresses are fine
        ("https://[2606:4700:4700::1111]:8443/x", "2606:4700:4700::1111"),
    ],
)
def test_public_urls_resolve_to_the_address_to_call(guarded, url, address):
    assert asyncio.run(outbound.resolve_checked(url)) == address


class _Resolver:
    """socket.getaddrinfo for made-up names; each name answers its list of addresses in turn
    (a DNS rebinding attack changes the answer between a check and a connection)."""

    def __init__(self, monkeypatch, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        real = socket.getaddrinfo

        def getaddrinfo(host, port, *args, **kwargs):
            if host not in self.answers:
                return real(host, port, *args, **kwargs)
            self.asked.append(host)
            turn = self.answers[host][min(len(self.asked), len(self.answers[host])) - 1]
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port),
                )
                for a in turn
            ]

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_every_dns_answer_is_checked(guarded, monkeypatch):
    _Resolver(monkeypatch, {"mixed.example": [["93.184.216.34", "10.0.0.5"]]})
    with pytest.raises(Invalid, match="private or internal"):
        asyncio.run(outbound.resolve_checked("https://mixed.example/hook"))


def test_a_name_answering_an_embedded_loopback_address_is_refused(guarded, monkeypatch):
    _Resolver(monkeypatch, {"nat64.example": [["64:ff9b::7f00:1"]]})
    with pytest.raises(Invalid, match="private or internal"):
        asyncio.run(outbound.resolve_checked("http://nat64.example/"))


def test_an_address_in_standard_form_is_checked_without_a_lookup(guarded, monkeypatch):
    """No executor thread for it: name lookups that hang cannot queue it behind them."""

    def no_lookup(*_args, **_kwargs):
        raise AssertionError("looked up")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    assert asyncio.run(outbound.resolve_checked("https://93.184.216.34/hook")) == "93.184.216.34"
    assert asyncio.run(outbound.resolve_checked("https://[2606:2800::1]/")) == "2606:2800::1"
    with pytest.raises(Invalid, match="private or internal"):
        asyncio.run(outbound.resolve_checked("http://127.0.0.1:8080/hook"))
    with pytest.raises(AssertionError, match="looked up"):  # other spellings go to the resolver
        asyncio.run(outbound.resolve_checked("http://2130706433/hook"))


@pytest.fixture
def receiver():
    """A local HTTP server recording what it receives."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            seen.append({"host": self.headers["Host"], "path": self.path, "body": body})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def test_the_connection_goes_to_the_address_that_was_checked(app, monkeypatch, receiver):
    port, seen = receiver
    # Private addresses allowed so the checked answer can be this machine's receiver; the name's
    # second answer (what a rebinding DNS server would give the connection) is never used.
    monkeypatch.setattr(runtime.current().settings, "allow_private_outbound", True)
    resolver = _Resolver(monkeypatch, {"hooks.example": [["127.0.0.1"], ["192.0.2.1"]]})
    status = asyncio.run(
        outbound.post_json(f"http://hooks.example:{port}/in?x=1", b'{"a": 1}', {}, timeout=5)
    )
    assert status == 204
    assert resolver.asked == ["hooks.example"]  # resolved once, by the guard
    assert seen == [{"host": f"hooks.example:{port}", "path": "/in?x=1", "body": b'{"a": 1}'}]
