"""The handler pool is a setting (Connexion's FlaskApp defaults to 10 threads, connexion#1979)."""

from __future__ import annotations

import asyncio
import time

import pytest

from charter import runtime
from tests.conftest import LiveServer


@pytest.fixture
def sleepy_server(settings):
    servers = []

    def start(threads: int):
        from charter.app import create_app

        app = create_app(settings.model_copy(update={"threads": threads}), migrate=False)

        def blocking():
            time.sleep(0.2)  # work that blocks its thread for 200 ms
            return "done"

        app.add_url_rule("/blocking", "blocking", blocking)
        server = LiveServer(app).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)
    runtime.init(settings)


def _forty_at_once(url: str) -> float:
    """Open 40 connections first, then send 40 requests at once; seconds until all answered."""
    host, port = url.removeprefix("http://").split(":")

    async def run() -> tuple[float, list[bytes]]:
        connections = [await asyncio.open_connection(host, int(port)) for _ in range(40)]
        request = f"GET /blocking HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()

        async def call(reader, writer) -> bytes:
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            await reader.read()
            writer.close()
            return status_line

        started = time.perf_counter()
        lines = await asyncio.gather(*(call(r, w) for r, w in connections))
        return time.perf_counter() - started, lines

    elapsed, lines = asyncio.run(run())
    print(f"40 x 200 ms against {url}: {elapsed:.3f} s")
    assert all(b" 200 " in line for line in lines), lines
    return elapsed


def test_forty_blocking_requests_finish_under_a_second_with_forty_threads(sleepy_server):
    assert _forty_at_once(sleepy_server(40).url) < 1.0


def test_ten_threads_serialise_the_same_load(sleepy_server):
    # The control: with Connexion's default pool the same load needs four rounds of 200 ms.
    assert _forty_at_once(sleepy_server(10).url) >= 0.8
