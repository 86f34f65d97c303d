"""The handler pool is a setting (Connexion's FlaskApp defaults to 10 threads, connexion#1979)."""

from __future__ import annotations

import threading
import time

import httpx
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
    barrier = threading.Barrier(40)
    statuses = []

    def call():
        barrier.wait()
        statuses.append(httpx.get(f"{url}/blocking", timeout=30).status_code)

    threads = [threading.Thread(target=call) for _ in range(40)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    assert statuses == [200] * 40
    return elapsed


def test_forty_blocking_requests_finish_under_a_second_with_forty_threads(sleepy_server):
    assert _forty_at_once(sleepy_server(40).url) < 1.0


def test_ten_threads_serialise_the_same_load(sleepy_server):
    # The control: with Connexion's default pool the same load needs four rounds of 200 ms.
    assert _forty_at_once(sleepy_server(10).url) >= 0.8
