"""Rate limits per plan, per IP, with headers on every response, shared through Redis."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from charter.http.rendering import render
from charter.identity.principals import Principal
from charter.platform import ratelimit, runtime
from charter.platform.clock import new_id
from charter.platform.errors import Unavailable
from charter.platform.ratelimit import RateLimiter, parse_rate
from charter.platform.settings import Settings
from charter.platform.spec import bundled_spec
from storage.models import Plan
from tests.conftest import REDIS_URL, ServerProcess, free_port, server_env

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
        client.get("/oauth/.well-known/oauth-authorization-server"),
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
    v2 = client.get("/v2/nowhere", headers=headers)
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


def test_anonymous_default_is_seed_003s_1000_a_minute_per_ip():
    default = Settings.model_fields["anonymous_rate_limit"].default
    assert parse_rate(default) == parse_rate("1000/minute")


def test_while_redis_is_down_one_request_probes_it_the_others_count_in_memory(
    settings, monkeypatch
):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    limiter = RateLimiter(settings.model_copy(update={"redis_url": closed}))
    probes = []

    async def run():
        monkeypatch.setattr(ratelimit, "REDIS_RETRY_SECONDS", 0.0)
        assert (await limiter.check(principal=None, client_ip="10.13.1.1")).allowed
        assert limiter.degraded  # the closed port was found; Redis is due again at once
        monkeypatch.setattr(ratelimit, "REDIS_RETRY_SECONDS", 60.0)

        async def unanswered(**_kwargs):
            probes.append(1)
            await asyncio.sleep(0)  # the others arrive while this probe is in flight
            raise ConnectionError("still down")

        monkeypatch.setattr(limiter, "_script", lambda: unanswered)
        checks = [limiter.check(principal=None, client_ip="10.13.1.1") for _ in range(5)]
        return await asyncio.gather(*checks)

    verdicts = asyncio.run(run())
    assert len(probes) == 1
    assert all(v.allowed for v in verdicts)  # all six counted, in memory
    assert min(v.remaining for v in verdicts) == limiter.anonymous.amount - 6


# --- plan windows (burst, minute, hour, day) and the 429 body --------------------------------

T0 = datetime(2030, 1, 1, tzinfo=UTC)  # the top of an hour and of a UTC day


@pytest.fixture
def frozen(clock, monkeypatch):
    """The `clock` fixture, with the limiter's time standing at T0 until `clock.advance`: a burst
    window is one second long, which real time could cross between two requests of a test."""
    monkeypatch.setattr(ratelimit, "utcnow", lambda: T0 + clock.offset)
    return clock


def _plan(**windows) -> str:
    """A plan row of its own (plans are data), so no other test shares its counters."""
    name = f"t-{new_id('p')[2:14].lower()}"
    with runtime.current().db.sync_transaction() as session:
        session.add(Plan(name=name, description="test plan", **windows))
    return name


def _get(client, tenant, path="/v1/organizations"):
    return client.get(path, headers={"X-API-Key": tenant.key})


def test_burst_is_the_requests_of_any_one_second(client, make_tenant, frozen):
    tenant = make_tenant(plan="hourly-free", scopes=["admin"])  # seed 004: 100/hour, burst 10
    assert [_get(client, tenant).status_code for _ in range(10)] == [200] * 10
    limited = _get(client, tenant)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "1" and limited.json()["retry_after"] == 1
    assert "plan-hourly-free-burst" in limited.json()["error"]["message"]
    frozen.advance(1)
    assert _get(client, tenant).status_code == 200


def test_the_hour_is_a_fixed_window_seed_004_waits_for_the_next(client, make_tenant, frozen):
    tenant = make_tenant(plan="hourly-free", scopes=["admin"])
    for second in range(10):  # 10 a second stays within the burst: 100 in 10 seconds
        statuses = [_get(client, tenant).status_code for _ in range(10)]
        assert statuses == [200] * 10, second
        frozen.advance(1)
    limited = _get(client, tenant)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "3590"  # to 01:00 UTC
    assert limited.json()["retry_after"] == 3590
    assert limited.headers["ratelimit-policy"] == '"plan-hourly-free-hour";q=100;w=3600'
    frozen.advance(3589)
    assert _get(client, tenant).status_code == 429
    frozen.advance(1)
    allowed = _get(client, tenant)
    assert allowed.status_code == 200
    assert allowed.headers["ratelimit-policy"] == '"plan-hourly-free-burst";q=10;w=1'


def test_the_minute_is_a_moving_window(client, make_tenant, frozen):
    tenant = make_tenant(plan=_plan(requests_per_minute=3), scopes=["admin"])
    assert _get(client, tenant).status_code == 200
    frozen.advance(30)
    assert [_get(client, tenant).status_code for _ in range(3)] == [200, 200, 429]
    frozen.advance(29)
    assert _get(client, tenant).json()["retry_after"] == 1  # the first request leaves at 60 s
    frozen.advance(1)
    assert [_get(client, tenant).status_code for _ in range(2)] == [200, 429]


def test_the_daily_cap_resets_at_midnight_utc(client, make_tenant, frozen):
    tenant = make_tenant(plan=_plan(requests_per_minute=100, requests_per_day=3), scopes=["admin"])
    frozen.advance(23 * 3600)
    assert [_get(client, tenant).status_code for _ in range(3)] == [200] * 3
    limited = _get(client, tenant)
    assert limited.status_code == 429 and limited.json()["retry_after"] == 3600
    assert "plan-t-" in limited.json()["error"]["message"]
    assert limited.headers["ratelimit-policy"].endswith('-day";q=3;w=86400')
    frozen.advance(3600)
    assert _get(client, tenant).status_code == 200


def _principal(plan_name: str) -> Principal:
    with runtime.current().db.sync_transaction() as session:
        plan = session.get(Plan, plan_name)
    return Principal(
        kind="api_key",
        id=f"key_{plan_name}_{new_id('x')}",
        organization_id=new_id("org"),
        user_id=None,
        scopes=frozenset(),
        livemode=True,
        is_superuser=False,
        plan=plan.name,
        requests_per_minute=plan.requests_per_minute,
        requests_per_day=plan.requests_per_day,
        requests_per_hour=plan.requests_per_hour,
        burst=plan.burst,
    )


def test_seed_001_basic_caps_a_day_at_10000_requests(app, settings, monkeypatch):
    """Seed 001's Basic at its full 60 a minute: request 10,001 of the UTC day is refused until
    midnight (counted in memory: the same algorithm as the Redis script, 10,000 times faster)."""
    limiter = RateLimiter(settings.model_copy(update={"redis_url": ""}))
    principal = _principal("cloudsync-basic")
    now = [T0]
    monkeypatch.setattr(ratelimit, "utcnow", lambda: now[0])

    async def run():
        for i in range(10_000):  # one a second: the minute window always has room
            verdict = await limiter.check(principal=principal, client_ip="10.1.1.1")
            assert verdict.allowed, i
            now[0] += timedelta(seconds=1)
        return await limiter.check(principal=principal, client_ip="10.1.1.1")

    refused = asyncio.run(run())
    assert not refused.allowed and refused.policy == "plan-cloudsync-basic-day"
    assert refused.limit == 10_000 and refused.retry_after == 86_400 - 10_000


def test_all_of_a_plans_windows_are_one_redis_call(settings, monkeypatch):
    limiter = RateLimiter(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    principal = _principal("hourly-pro")
    principal = dataclasses.replace(principal, requests_per_minute=5000, requests_per_day=50_000)
    calls = []

    async def script(*, keys, args):
        calls.append(keys)
        return [0, 0] * len(keys) + [1]

    monkeypatch.setattr(limiter, "_script", lambda: script)
    monkeypatch.setattr(ratelimit, "utcnow", lambda: T0)
    verdict = asyncio.run(limiter.check(principal=principal, client_ip="10.1.1.2"))
    assert verdict.allowed and len(calls) == 1
    hour, day = int(T0.timestamp()) // 3600, int(T0.timestamp()) // 86400
    assert [key.split(":")[2] for key in calls[0]] == [
        f"plan-hourly-pro-{window}" for window in ("burst", "minute", "hour", "day")
    ]
    assert calls[0][2].endswith(f":{hour}") and calls[0][3].endswith(f":{day}")


ERROR_SCHEMAS = {
    "v1": "V1Error",
    "v2": "V2Error",
    "ingestion": "IngestionError",
    "oauth": "OAuthError",
}


@pytest.mark.parametrize(
    ("surface", "method", "path", "fields", "code"),
    [
        ("v1", "GET", "/v1/organizations", {"error", "request_id"}, "RATE_LIMIT_EXCEEDED"),
        ("v2", "POST", "/v2/auth/api-keys", {"error", "request_id"}, "RATE_LIMITED"),
        (
            "ingestion",
            "GET",
            "/api/v1/status",
            {"success", "error", "timestamp", "request_id"},
            "RATE_LIMIT_EXCEEDED",
        ),
        (
            "oauth",
            "GET",
            "/oauth/.well-known/oauth-authorization-server",
            {"error", "error_description"},
            "slow_down",
        ),
    ],
)
def test_429_carries_retry_after_beside_each_surfaces_envelope(
    client, make_tenant, frozen, surface, method, path, fields, code
):
    tenant = make_tenant(plan=_plan(burst=1), scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    assert _get(client, tenant).status_code == 200  # the one request of this second
    limited = client.request(method, path, headers=headers, json={} if method == "POST" else None)
    assert limited.status_code == 429
    body = limited.json()
    assert set(body) == fields | {"retry_after"}
    assert body["retry_after"] == int(limited.headers["retry-after"]) == 1
    assert (body["error"] if surface == "oauth" else body["error"]["code"]) == code
    problem = client.request(
        method, path, headers={**headers, "Accept": "application/problem+json"}
    )
    assert problem.status_code == 429 and problem.json()["retry_after"] == 1
    assert problem.json()["code"] == code
    schemas = bundled_spec(surface)["components"]["schemas"]
    for schema in (ERROR_SCHEMAS[surface], "Problem"):
        assert schemas[schema]["properties"]["retry_after"]["$ref"].endswith("/RetryAfter")
    assert schemas["RetryAfter"]["type"] == "integer"


def test_only_a_429_carries_retry_after_in_its_body():
    unavailable = render(
        Unavailable(headers={"Retry-After": "1"}),
        surface="v1",
        request_id="req_1",
        path="/v1/x",
        accept=None,
    )
    assert "retry_after" not in json.loads(unavailable.body)
