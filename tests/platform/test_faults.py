"""Dependency faults: a Redis outage never takes the API down, and a database connection killed
under a request answers 503 with Retry-After in the surface's envelope (never a 500)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from charter.identity.principals import key_cache
from charter.platform import ratelimit, runtime
from charter.platform.ratelimit import RateLimiter
from tests.conftest import ServerProcess, free_port, server_env

# -- the database ---------------------------------------------------------------------------------


class ConnectionKiller:
    """Records the asyncio connections the server opens from now on and kills them on demand,
    as a database restart or an operator would: `pg_terminate_backend` on PostgreSQL; on SQLite,
    which has no server, the file handle underneath the pooled connection is closed."""

    def __init__(self) -> None:
        self.db = runtime.current().db
        self.connections: list = []
        self.db.listen("connect", self._opened)

    def _opened(self, dbapi_connection, _record) -> None:
        # The asyncio engines' connections and the driver read pool's (storage/reads.py) carry
        # their driver connection; the synchronous engine's (test factories) do not.
        driver = getattr(dbapi_connection, "driver_connection", None)
        if driver is not None:
            self.connections.append(driver)

    def kill_all(self) -> int:
        assert self.connections, "no pooled connection yet: make a request first"
        if self.db.dialect == "postgresql":
            import psycopg

            pids = [conn.info.backend_pid for conn in self.connections]
            url = self.db.url.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(url, autocommit=True) as admin:
                # One backend at a time: in `WHERE pid = ANY(...) AND pg_terminate_backend(pid)`
                # the planner may order the cheaper-looking call first and terminate every
                # backend it scans, this one and other tests' included (it did, with 3 pids).
                killed = sum(
                    bool(admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0])
                    for pid in pids
                )
        else:
            for conn in self.connections:
                conn._conn.close()  # aiosqlite's sqlite3 connection
            killed = len(self.connections)
        self.connections.clear()
        return killed

    def close(self) -> None:
        self.db.unlisten("connect", self._opened)


@pytest.fixture
def killer(app):
    killer = ConnectionKiller()
    yield killer
    killer.close()
    key_cache.clear()  # credentials cached longer than usual by a test


@pytest.fixture
def server(app):
    """A client that shows what the server would send, instead of raising its exceptions."""
    with app.test_client(client=("127.0.0.1", 50001), raise_server_exceptions=False) as c:
        yield c


def _assert_unavailable(response, code="SERVICE_UNAVAILABLE"):
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == code
    assert response.json()["request_id"] == response.headers["x-request-id"]
    assert int(response.headers["retry-after"]) >= 1


def test_read_on_a_killed_connection_is_503_then_recovers(server, killer, make_tenant, monkeypatch):
    tenant = make_tenant(scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    # The credential stays cached, so the handler's own read is the first to meet the dead link.
    monkeypatch.setattr(runtime.current().settings, "key_cache_seconds", 600.0)
    assert server.get("/v1/organizations", headers=headers).status_code == 200
    assert killer.kill_all() >= 1
    response = server.get("/v1/organizations", headers=headers)
    if response.status_code != 200:  # answered from a fresh connection when it retries
        _assert_unavailable(response)
    assert server.get("/v1/organizations", headers=headers).status_code == 200


def test_write_on_a_killed_connection_is_503_then_recovers(server, killer, superuser):
    headers = {"X-API-Key": superuser.key}
    first = server.post(
        "/v1/organizations", json={"name": f"F {uuid.uuid4().hex}"}, headers=headers
    )
    assert first.status_code == 201
    assert killer.kill_all() >= 1
    name = f"Faulty {uuid.uuid4().hex}"
    response = server.post("/v1/organizations", json={"name": name}, headers=headers)
    if response.status_code != 201:
        _assert_unavailable(response)
    again = server.post(
        "/v1/organizations", json={"name": f"G {uuid.uuid4().hex}"}, headers=headers
    )
    assert again.status_code == 201


def test_idempotent_post_on_a_killed_connection_is_503_then_recovers(server, killer, superuser):
    headers = {"X-API-Key": superuser.key}
    first = server.post(
        "/v1/organizations", json={"name": f"F {uuid.uuid4().hex}"}, headers=headers
    )
    assert first.status_code == 201
    assert killer.kill_all() >= 1
    keyed = {**headers, "Idempotency-Key": uuid.uuid4().hex}
    body = {"name": f"Keyed {uuid.uuid4().hex}"}
    response = server.post("/v1/organizations", json=body, headers=keyed)
    if response.status_code != 201:
        _assert_unavailable(response)
    # The retry with the same key runs the request (nothing was claimed or stored before).
    assert server.post("/v1/organizations", json=body, headers=keyed).status_code == 201


def test_credential_lookup_on_a_killed_connection_is_retried_once(server, killer, make_tenant):
    tenant = make_tenant(scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    assert server.get("/v2/health", headers=headers).status_code == 200
    assert killer.kill_all() >= 1
    key_cache.clear()  # the next request looks the key up again, on the dead connection
    # The lookup wrote nothing: it runs again on a fresh connection.
    assert server.get("/v2/health", headers=headers).status_code == 200


# -- Redis ----------------------------------------------------------------------------------------


class RedisServer:
    """A redis-server of this test's own on a free port, to stop and start again at will."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def keys(self) -> list[bytes]:
        import redis

        with redis.Redis.from_url(self.url) as client:
            return client.keys("charter:rl:*")


@pytest.fixture
def own_redis():
    server = RedisServer()
    server.start()
    yield server
    if server.process is not None:
        server.kill()


@pytest.fixture
def limited(app, own_redis, monkeypatch):
    """The running app counting in `own_redis`, 3 anonymous requests a minute, and Redis tried
    again on every request instead of every few seconds (so recovery needs no waiting)."""
    settings = runtime.current().settings
    limiter = RateLimiter(settings.model_copy(update={"redis_url": own_redis.url}))
    limiter.anonymous = ratelimit.parse_rate("3/minute")
    monkeypatch.setattr(runtime.current(), "limiter", limiter)
    monkeypatch.setattr(settings, "redis_url", own_redis.url)
    monkeypatch.setattr(ratelimit, "REDIS_RETRY_SECONDS", 0.0)
    with app.test_client(client=("10.13.0.1", 5000), raise_server_exceptions=False) as c:
        yield c, limiter


def _readiness(client) -> dict:
    response = client.get("/v1/health/ready")
    assert response.status_code == 200, response.text
    return response.json()


def test_redis_killed_mid_run_degrades_then_recovers_by_itself(limited, own_redis):
    client, limiter = limited
    counted = client.get("/v1/organizations")
    assert counted.status_code == 401 and counted.headers["x-ratelimit-remaining"] == "2"
    assert own_redis.keys() and _readiness(client)["status"] == "ready"

    own_redis.kill()
    responses = [client.get("/v1/organizations") for _ in range(4)]
    # Served, in the envelope, counted per process: 3 a minute still holds.
    assert [r.status_code for r in responses] == [401, 401, 401, 429]
    assert responses[-1].json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert client.get("/v1/health").status_code == 200
    assert limiter.degraded
    report = _readiness(client)
    assert report["status"] == "degraded" and report["degraded"] == ["redis"]
    assert report["failing"] == [] and report["checks"]["redis"]["status"] == "degraded"

    own_redis.start()  # empty: the counters start again in Redis
    recovered = client.get("/v1/organizations")
    assert recovered.status_code == 401 and recovered.headers["x-ratelimit-remaining"] == "2"
    assert not limiter.degraded and own_redis.keys()
    assert _readiness(client)["status"] == "ready"


def test_unreachable_redis_at_start_means_starting_degraded(settings):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    env = server_env(settings, CHARTER_REDIS_URL=closed, CHARTER_ANONYMOUS_RATE_LIMIT="3/minute")
    with ServerProcess(env) as server:
        for path in ("/v1/health", "/v1/health/live", "/health", "/api/v1/health", "/v2/health"):
            response = httpx.get(server.url + path)
            assert response.status_code == 200, path
            assert response.headers["content-type"] == "application/json", path
        ready = httpx.get(server.url + "/v1/health/ready")
        assert ready.status_code == 200 and ready.json()["status"] == "degraded"
        statuses = [httpx.get(server.url + "/v1/organizations") for _ in range(4)]
        assert [r.status_code for r in statuses] == [401, 401, 401, 429]
        assert statuses[-1].json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:abc/0", "redis://127.0.0.1:6379/cache", "unix://"]
)
def test_malformed_redis_url_stops_start_up_naming_the_variable(settings, url):
    env = server_env(settings, CHARTER_REDIS_URL=url)
    result = subprocess.run(
        [sys.executable, "-m", "charter.cli", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "CHARTER_REDIS_URL" in result.stderr
