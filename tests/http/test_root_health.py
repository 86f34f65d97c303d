"""Seed 002's root health paths, and what is never rate limited: health probes (by their
operations' `x-rate-limit: none`) and the documentation pages."""

from __future__ import annotations

import pytest

from charter.platform import runtime
from charter.platform.ratelimit import parse_rate
from charter.platform.spec import SURFACES, bundled_spec, iter_operations

ROOT_ALIASES = ["/health", "/health/ready", "/health/live"]
RATE_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "ratelimit", "ratelimit-policy")


@pytest.mark.parametrize("path", ROOT_ALIASES)
def test_root_health_answers_exactly_like_v1(client, path):
    root, v1 = client.get(path), client.get(f"/v1{path}")
    assert root.status_code == v1.status_code == 200
    assert root.headers["content-type"] == v1.headers["content-type"] == "application/json"
    assert root.headers["x-request-id"].startswith("req_")
    if path == "/health/ready":  # latencies differ from one call to the next
        assert root.json()["status"] == v1.json()["status"] == "ready"
        assert root.json().keys() == v1.json().keys()
    else:
        assert root.json() == v1.json()


def test_root_health_errors_are_v1_errors(client):
    response = client.post("/health/live")
    assert response.status_code == 405 and response.headers["allow"] == "GET"
    assert response.json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert response.json()["request_id"] == response.headers["x-request-id"]
    assert client.get("/health/alive").status_code == 404  # only seed 002's three


def test_root_health_is_not_a_fifth_surface(client):
    surfaces = client.get("/openapi.json").json()["surfaces"]
    assert [s["base_path"] for s in surfaces] == list(SURFACES.values())


@pytest.fixture
def tight_limit(app, monkeypatch):
    """Two anonymous requests a minute, from an address of this test's own."""
    monkeypatch.setattr(runtime.current().limiter, "anonymous", parse_rate("2/minute"))
    with app.test_client(client=("10.13.2.1", 5000)) as c:
        yield c


NEVER_LIMITED = [
    *ROOT_ALIASES,
    "/v1/health",
    "/v1/health/ready",
    "/v1/health/live",
    "/v1/health/alive",
    "/v2/health",
    "/api/v1/health",
    "/openapi.json",
    "/v1/openapi.json",
    "/oauth/openapi.json",
    "/docs",
    "/v1/docs/",
    "/api/v1/docs/",
]


def test_health_and_docs_are_never_rate_limited(tight_limit):
    client = tight_limit
    for _ in range(3):
        for path in NEVER_LIMITED:
            response = client.get(path)
            assert response.status_code == 200, path
            assert not any(h in response.headers for h in RATE_HEADERS), path
    # The docs' assets too (what the docs page loads next).
    page = client.get("/v1/docs/").text
    asset = next(part.split('"')[0] for part in page.split('src="')[1:] if part.startswith("./"))
    for _ in range(3):
        assert client.get(f"/v1/docs/{asset[2:]}").status_code == 200, asset
    # The limit still holds everywhere else.
    statuses = [client.get("/v1/organizations").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    assert client.get("/v2/nowhere").status_code == 429


def test_only_public_health_operations_are_exempt_from_rate_limits():
    probes = {"get_health", "get_liveness", "get_liveness_legacy", "get_readiness"}
    for surface in SURFACES:
        for info, op in iter_operations(bundled_spec(surface), surface):
            where = f"{surface} {info.operation_id}"
            if info.rate_limit == "none":
                assert op["tags"] == ["health"] and info.public, where
            if info.operation_id in probes:
                assert info.rate_limit == "none", where
