"""The network edge: which forwarding headers are believed, the URLs Charter builds for itself,
and the server-level bounds on slow clients, in the app and through `charter serve`."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time

import httpx
import pytest

from charter.platform import runtime
from tests.conftest import ServerProcess, free_port, server_env
from tests.factories import create_key

METADATA = "/oauth/.well-known/oauth-authorization-server"
IP_REFUSED = "This API key may not be used from this IP address"


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def settings_now(app, monkeypatch):
    """Set runtime settings for one test."""

    def set_(**values):
        for name, value in values.items():
            monkeypatch.setattr(runtime.current().settings, name, value)

    return set_


def _ip_key(tenant, cidr: str) -> dict[str, str]:
    key, _ = create_key(tenant.organization_id, scopes=["admin"], ip_ranges=[cidr])
    return {"X-API-Key": key}


# --- X-Forwarded-For: only CHARTER_TRUSTED_PROXIES decides ------------------------------------


def test_forwarded_for_from_loopback_is_ignored_without_trusted_proxies(
    client, tenant, settings_now, monkeypatch, caplog
):
    settings_now(trusted_proxies="")
    limiter = runtime.current().limiter
    counted: list[str | None] = []
    rules = limiter.rules

    def spy(**kwargs):
        counted.append(kwargs["client_ip"])
        return rules(**kwargs)

    monkeypatch.setattr(limiter, "rules", spy)
    spoofed = {**_ip_key(tenant, "1.2.3.4/32"), "X-Forwarded-For": "1.2.3.4"}
    with caplog.at_level(logging.INFO, logger="charter.access"):
        refused = client.get("/v1/organizations", headers=spoofed)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == IP_REFUSED
    logged = [r.fields["client_ip"] for r in caplog.records if r.name == "charter.access"]
    assert logged == ["127.0.0.1"]
    assert counted == ["127.0.0.1"]  # the per-IP limits count the peer
    local = {**_ip_key(tenant, "127.0.0.1/32"), "X-Forwarded-For": "1.2.3.4"}
    assert client.get("/v1/organizations", headers=local).status_code == 200


@pytest.mark.parametrize(
    "forwarded_for, believed",
    [
        ("1.2.3.4", True),
        ("9.9.9.9, 1.2.3.4", True),  # the rightmost hop our proxy did not add is the client
        ("1.2.3.4, 127.0.0.1", True),  # a trusted hop is skipped
        ("1.2.3.4, 5.6.7.8", False),  # 5.6.7.8 is the client; 1.2.3.4 is its claim
    ],
)
def test_forwarded_for_from_a_trusted_proxy_is_the_rightmost_untrusted_hop(
    client, tenant, settings_now, forwarded_for, believed
):
    settings_now(trusted_proxies="127.0.0.1/32")
    headers = {**_ip_key(tenant, "1.2.3.4/32"), "X-Forwarded-For": forwarded_for}
    assert client.get("/v1/organizations", headers=headers).status_code == (
        200 if believed else 403
    )


def test_several_forwarded_for_headers_are_read_as_one_list(app, tenant, settings_now):
    settings_now(trusted_proxies="127.0.0.1/32")
    key = _ip_key(tenant, "1.2.3.4/32")
    with app.test_client(client=("127.0.0.1", 50000)) as c:
        # The proxy appended its own header line after the client's forged one.
        headers = [(*item,) for item in key.items()]
        headers += [("X-Forwarded-For", "1.2.3.4"), ("X-Forwarded-For", "6.6.6.6")]
        assert c.get("/v1/organizations", headers=headers).status_code == 403


def test_a_client_address_a_server_rewrote_from_forwarded_for_is_not_believed(
    app, tenant, settings_now
):
    # What uvicorn's default proxy headers hand the app for a loopback peer sending
    # X-Forwarded-For: 1.2.3.4 (`uvicorn charter.asgi:app` without --no-proxy-headers).
    settings_now(trusted_proxies="")
    spoofed = {**_ip_key(tenant, "1.2.3.4/32"), "X-Forwarded-For": "1.2.3.4"}
    with app.test_client(client=("1.2.3.4", 0)) as rewritten:
        assert rewritten.get("/v1/organizations", headers=spoofed).status_code == 403
    with app.test_client(client=("1.2.3.4", 41000)) as direct:  # a real peer at that address
        assert direct.get("/v1/organizations", headers=spoofed).status_code == 200


def test_uvicorn_with_its_default_proxy_headers_cannot_spoof_the_client(
    live_server, tenant, settings_now
):
    settings_now(trusted_proxies="")
    spoofed = {**_ip_key(tenant, "1.2.3.4/32"), "X-Forwarded-For": "1.2.3.4"}
    response = httpx.get(live_server.url + "/v1/organizations", headers=spoofed)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == IP_REFUSED


# --- Absolute URLs: CHARTER_PUBLIC_URL, or a well-formed Host -----------------------------------


def _own_location(headers: dict[str, str], location: str) -> str:
    """The Location a response naming this server (as a framework builds it from the request's
    Host: no route of Charter's answers one since trailing-slash redirects went) leaves with."""
    from charter.http.pipeline.context import public_location

    scope = {
        "type": "http",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "charter_headers": {k.lower(): v for k, v in headers.items()},
    }
    return public_location(scope, location)


def test_public_url_is_the_origin_of_the_issuer_and_of_redirects(client, settings_now):
    settings_now(public_url="https://api.example.com/base")
    evil = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    assert client.get(METADATA, headers=evil).json()["issuer"] == (
        "https://api.example.com/base/oauth"
    )
    assert _own_location(evil, "http://evil.example/v1/health/live") == (
        "https://api.example.com/base/v1/health/live"
    )


@pytest.mark.parametrize(
    "host, issuer",
    [
        ("localhost:8000", "http://localhost:8000/oauth"),
        ("[::1]:8000", "http://[::1]:8000/oauth"),
        ("evil.example/phish?", "http://testserver:80/oauth"),  # not a host: the server's own
        ("user@evil.example", "http://testserver:80/oauth"),
        ("a b", "http://testserver:80/oauth"),
    ],
)
def test_without_public_url_only_a_well_formed_host_is_used(client, settings_now, host, issuer):
    settings_now(public_url="", trusted_proxies="")
    headers = {"Host": host, "X-Forwarded-Host": "proxy.example", "X-Forwarded-Proto": "https"}
    assert client.get(METADATA, headers=headers).json()["issuer"] == issuer


def test_forwarded_host_and_proto_are_believed_from_a_trusted_proxy_only(client, settings_now):
    settings_now(public_url="", trusted_proxies="127.0.0.1/32")
    headers = {
        "Host": "internal:8000",
        "X-Forwarded-Host": "api.example.com",
        "X-Forwarded-Proto": "https",
    }
    assert client.get(METADATA, headers=headers).json()["issuer"] == (
        "https://api.example.com/oauth"
    )
    assert _own_location(headers, "http://internal:8000/v1/health/live") == (
        "https://api.example.com/v1/health/live"
    )
    settings_now(trusted_proxies="10.0.0.0/8")
    assert client.get(METADATA, headers=headers).json()["issuer"] == "http://internal:8000/oauth"


def test_relative_locations_are_left_alone(client, settings_now):
    settings_now(public_url="https://api.example.com")
    redirect = client.get("/v1/docs", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "/v1/docs/"


@pytest.mark.parametrize(
    "value",
    [
        "api.example.com",
        "ftp://api.example.com",
        "https://api.example.com/?x=1",
        "https://api.example.com/#top",
        "https://user:pw@api.example.com",
        "https://api.example.com:99999",
    ],
)
def test_a_bad_public_url_stops_start_up_naming_the_variable(value):
    from charter.platform.settings import ConfigurationError, Settings, get_settings

    with pytest.raises(Exception) as raised:
        Settings(public_url=value)
    assert "public_url" in str(raised.value)
    monkey = pytest.MonkeyPatch()
    monkey.setenv("CHARTER_PUBLIC_URL", value)
    get_settings.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="CHARTER_PUBLIC_URL"):
            get_settings()
    finally:
        monkey.undo()
        get_settings.cache_clear()


def test_bad_trusted_proxies_stop_start_up_naming_the_variable(settings):
    env = server_env(settings, CHARTER_TRUSTED_PROXIES="10.0.0.0/8, proxy.internal")
    out = subprocess.run(
        [sys.executable, "-m", "charter.cli", "serve"], env=env, capture_output=True, text=True
    )
    assert out.returncode == 2
    assert "CHARTER_TRUSTED_PROXIES" in out.stderr and "proxy.internal" in out.stderr


# --- `charter serve`: both launch paths ---------------------------------------------------------


class _Workers(ServerProcess):
    """`charter serve --workers 2`: gunicorn with Charter's uvicorn workers."""

    def __init__(self, env: dict[str, str]) -> None:

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "charter.cli", "serve", "--port", str(self.port)]
            + ["--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


@pytest.mark.parametrize("launch", [ServerProcess, _Workers], ids=["uvicorn", "gunicorn"])
def test_charter_serve_believes_forwarded_for_only_from_trusted_proxies(settings, tenant, launch):
    spoofed = {**_ip_key(tenant, "1.2.3.4/32"), "X-Forwarded-For": "1.2.3.4"}
    # The peer, not a client address unknown after the server rewrote it:
    local = {**_ip_key(tenant, "127.0.0.1/32"), "X-Forwarded-For": "1.2.3.4"}
    with launch(server_env(settings, CHARTER_TRUSTED_PROXIES="")) as server:
        for _ in range(4):  # gunicorn: more than one worker answers
            assert httpx.get(server.url + "/v1/organizations", headers=spoofed).status_code == 403
            assert httpx.get(server.url + "/v1/organizations", headers=local).status_code == 200
    with launch(server_env(settings, CHARTER_TRUSTED_PROXIES="127.0.0.1/32")) as server:
        assert httpx.get(server.url + "/v1/organizations", headers=spoofed).status_code == 200


def test_gunicorn_workers_get_the_same_uvicorn_options(monkeypatch):
    from gunicorn.config import Config

    from charter.platform.settings import get_settings
    from charter.serving import HeadTimeoutProtocol, Worker

    monkeypatch.setenv("CHARTER_MAX_CONNECTIONS", "7")
    monkeypatch.setenv("CHARTER_HEADER_TIMEOUT", "3")
    get_settings.cache_clear()
    try:

        class Log:
            error_log = access_log = logging.getLogger("test")

        worker = Worker(0, 0, [], None, 30, Config(), Log())
    finally:
        get_settings.cache_clear()
    config = worker.config
    assert config.proxy_headers is False and config.limit_concurrency == 7
    assert issubclass(config.http, HeadTimeoutProtocol) and config.http.head_timeout == 3


@pytest.fixture(scope="module")
def bounded_server(settings):
    env = server_env(
        settings,
        CHARTER_MAX_CONNECTIONS="4",
        CHARTER_HEADER_TIMEOUT="1",
        CHARTER_ANONYMOUS_RATE_LIMIT="100000/minute",
    )
    with ServerProcess(env) as server:
        yield server


def _connect(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    return sock


def test_connections_beyond_the_bound_are_answered_503_until_the_slow_ones_leave(
    bounded_server, admin
):
    stalled = []
    for _ in range(4):  # complete heads, bodies that never finish
        sock = _connect(bounded_server)
        sock.sendall(
            b"POST /v1/organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"X-API-Key: {admin.key}\r\nContent-Length: 1000\r\n\r\n".encode()
            + b'{"name": "slo'
        )
        stalled.append(sock)
    started = time.monotonic()
    refused = httpx.get(bounded_server.url + "/v1/health/live", timeout=5)
    assert refused.status_code == 503 and time.monotonic() - started < 5
    for sock in stalled:
        sock.close()
    deadline = time.monotonic() + 10
    while True:  # the server notices the closed connections as its loop turns
        answer = httpx.get(bounded_server.url + "/v1/health/live", timeout=5)
        if answer.status_code == 200 or time.monotonic() > deadline:
            break
    assert answer.status_code == 200


@pytest.mark.parametrize(
    "sent", [b"", b"GET /v1/health/live HTTP/1.1\r\nHost: x\r\n"], ids=["nothing", "half a head"]
)
def test_a_request_head_that_does_not_arrive_in_time_closes_the_connection(bounded_server, sent):
    sock = _connect(bounded_server)
    started = time.monotonic()
    sock.sendall(sent)
    assert sock.recv(1024) == b""  # closed by the server, with no answer (timeout=10 s)
    assert time.monotonic() - started < 5
    sock.close()


def test_a_kept_alive_connection_outlives_the_header_timeout(bounded_server):
    with httpx.Client(base_url=bounded_server.url) as http:
        assert http.get("/v1/health/live").status_code == 200
        time.sleep(1.5)  # idle past the 1 s head timeout, within the 5 s keep-alive
        assert http.get("/v1/health/live").status_code == 200
        assert http.get("/v1/health/live").status_code == 200
