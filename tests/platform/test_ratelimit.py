"""Rate limits per plan, per IP, with headers on every response, shared through Redis."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import REDIS_URL, ServerProcess, server_env

HEADERS = (
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit",
    "ratelimit-policy",
)


def test_headers_on_success_and_error_responses(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    for response in (
        client.get("/v1/health"),
        client.get("/v1/organizations", headers={"X-API-Key": tenant.key}),
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


@pytest.mark.skipif(not REDIS_URL, reason="needs CHARTER_TEST_REDIS_URL: counters live in Redis")
def test_counters_are_shared_across_two_processes(settings, make_tenant):
    tenant = make_tenant(plan="free", scopes=["admin"])
    env = server_env(settings)
    with ServerProcess(env) as a, ServerProcess(env) as b:
        urls = [a.url, b.url]
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
