"""Test harness: a real database per run (SQLite always; PostgreSQL and Redis when
CHARTER_TEST_DATABASE_URL / CHARTER_TEST_REDIS_URL are set), the real app, real servers."""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PG_URL = os.environ.get("CHARTER_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("CHARTER_TEST_REDIS_URL", "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def new_database(tmp_path_factory):
    """Factory of fresh, empty databases: new PostgreSQL databases, or new SQLite files."""
    created: list[str] = []
    admin_url = None
    base = None
    if PG_URL:
        from sqlalchemy import make_url

        base = make_url(PG_URL.replace("postgresql+psycopg://", "postgresql://"))
        admin_url = base.set(drivername="postgresql", database="postgres").render_as_string(False)

    def make() -> str:
        if not PG_URL:
            return f"sqlite:///{tmp_path_factory.mktemp('db') / 'charter.db'}"
        import psycopg

        name = f"charter_test_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return base.set(drivername="postgresql", database=name).render_as_string(False)

    yield make
    if created:
        import psycopg

        with psycopg.connect(admin_url, autocommit=True) as conn:
            for name in created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url(new_database) -> str:
    return new_database()


@pytest.fixture(scope="session")
def redis_url() -> str:
    if not REDIS_URL:
        return ""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    client.close()
    return REDIS_URL


@pytest.fixture(scope="session")
def settings(database_url, redis_url, tmp_path_factory):
    from charter.platform.settings import Settings

    return Settings(
        env="test",
        var_dir=tmp_path_factory.mktemp("var"),
        database_url=database_url,
        redis_url=redis_url,
        secret_key="test-secret-key-" + "x" * 32,
        anonymous_rate_limit="100000/minute",
        auth_rate_limit="100000/minute",
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
def app(settings):
    from charter.http.app import create_app

    application = create_app(settings)
    logging.getLogger().setLevel(logging.WARNING)
    return application


@pytest.fixture
def client(app):
    with app.test_client(client=("127.0.0.1", 50000)) as c:
        yield c


class Clock:
    """The in-process server's time, moved forward on demand instead of sleeping.

    Every `utcnow` the charter packages imported from `charter.platform.clock` (and the module's
    own) reads the shifted time, and so does the monotonic clock of the credential cache. Only the
    server running in this process sees it: not `charter serve` subprocesses, not `time.time()`
    (JWT and TOTP timestamps).
    """

    def __init__(self, monkeypatch) -> None:
        import types
        from datetime import timedelta

        from charter.identity import principals
        from charter.platform import clock

        self.offset = timedelta(0)
        real_utcnow, real_monotonic = clock.utcnow, time.monotonic

        def utcnow():
            return real_utcnow() + self.offset

        for name, module in list(sys.modules.items()):
            if name.split(".")[0] in ("charter", "storage") and (
                getattr(module, "utcnow", None) is real_utcnow
            ):
                monkeypatch.setattr(module, "utcnow", utcnow)
        shifted_time = types.ModuleType("time")
        shifted_time.__dict__.update(vars(time))
        shifted_time.monotonic = lambda: real_monotonic() + self.offset.total_seconds()
        monkeypatch.setattr(principals, "time", shifted_time)

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def clock(app, monkeypatch):
    from charter.identity.principals import key_cache

    yield Clock(monkeypatch)
    key_cache.clear()  # entries cached in shifted time would otherwise outlive it


@dataclass
class Tenant:
    organization_id: str
    user_id: str
    key: str
    key_id: str


@pytest.fixture(scope="session")
def make_tenant(app):
    """Create an organization with an admin user and an API key (factory)."""
    from tests.factories import create_tenant

    return create_tenant


@pytest.fixture(scope="session")
def superuser(app, make_tenant):
    return make_tenant(plan="unlimited", superuser=True)


@pytest.fixture(scope="session")
def admin(app, make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


class LiveServer:
    def __init__(self, application) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            application, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("live server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(app):
    with LiveServer(app) as server:
        yield server


def pytest_report_header(config):
    return [
        f"charter database: {'PostgreSQL' if PG_URL else 'SQLite'}",
        f"charter redis: {'yes' if REDIS_URL else 'no (in-process fallbacks)'}",
    ]


def server_env(settings, **overrides) -> dict[str, str]:
    """Environment for a `charter serve` subprocess sharing this run's database and Redis."""
    env = {
        **os.environ,
        "CHARTER_DATABASE_URL": settings.database_url,
        "CHARTER_REDIS_URL": settings.redis_url,
        "CHARTER_SECRET_KEY": settings.secret_key,
        "CHARTER_VAR_DIR": str(settings.var_dir),
        "CHARTER_LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return env


class ServerProcess:
    """`charter serve` in a subprocess on a free port (a second process of the platform)."""

    def __init__(self, env: dict[str, str], log: Path | None = None) -> None:
        import subprocess

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        output = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "charter.cli", "serve", "--port", str(self.port)],
            env=env,
            stdout=output,
            stderr=output,
        )

    def __enter__(self):
        import httpx

        # Generous: a cold start (imports, spec bundling) took over 30 s on a loaded 2-core box.
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if httpx.get(self.url + "/v1/health/live", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"{self.url} did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=15)
