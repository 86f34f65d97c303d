"""Rate limits per plan, per IP, with headers on every response, shared through Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import REDIS_URL, free_port

HEADERS = (
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit",
    "ratelimit-policy",
)


def test_headers_on_success_and_error_responses(client, admin):
    for response in (
        client.get("/v1/health"),
        client.get("/v1/organizations", headers={"X-API-Key": admin.key}),
        client.get("/v1/organizations"),
        client.get("/v2/nowhere"),
    ):
        for header in HEADERS:
            assert header in response.headers, (response.request.url, header)


def test_free_plan_61st_request_in_a_minute_is_429(client, make_tenant):
    tenant = make_tenant(plan="free", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    for i in range(60):
        response = client.get("/v1/organizations", headers=headers)
        assert response.status_code == 200, i
    assert response.headers["x-ratelimit-limit"] == "60"
    assert response.headers["x-ratelimit-remaining"] == "0"
    limited = client.get("/v1/organizations", headers=headers)
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    v2 = client.get("/v2/health", headers=headers)
    assert v2.status_code == 429 and v2.json()["error"]["code"] == "RATE_LIMITED"


def test_plans_are_data(client, make_tenant):
    pro = make_tenant(plan="pro", scopes=["admin"])
    response = client.get("/v1/organizations", headers={"X-API-Key": pro.key})
    assert response.headers["x-ratelimit-limit"] == "300"
    assert "q=300;w=60" in response.headers["ratelimit-policy"]


def _serve(env, port):
    return subprocess.Popen(
        [sys.executable, "-m", "charter.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(url):
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if httpx.get(url + "/v1/health/live", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


@pytest.mark.skipif(not REDIS_URL, reason="needs CHARTER_TEST_REDIS_URL: counters live in Redis")
def test_counters_are_shared_across_two_processes(settings, make_tenant):
    tenant = make_tenant(plan="free", scopes=["admin"])
    env = {
        **os.environ,
        "CHARTER_DATABASE_URL": settings.database_url,
        "CHARTER_REDIS_URL": settings.redis_url,
        "CHARTER_SECRET_KEY": settings.secret_key,
        "CHARTER_VAR_DIR": str(settings.var_dir),
        "CHARTER_LOG_LEVEL": "WARNING",
    }
    ports = [free_port(), free_port()]
    servers = [_serve(env, port) for port in ports]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            _wait(url)
        headers = {"X-API-Key": tenant.key}
        statuses = [
            httpx.get(f"{urls[i % 2]}/v1/organizations", headers=headers).status_code
            for i in range(60)
        ]
        assert statuses == [200] * 60
        for url in urls:
            response = httpx.get(f"{url}/v1/organizations", headers=headers)
            assert response.status_code == 429
            assert "retry-after" in response.headers
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=15)
