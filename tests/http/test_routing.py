"""Bucketed routers (charter/http/routing.py) pick exactly the route a plain Starlette router
picks: the first full match in declaration order, else the first method-only match (405), else
none, whatever first segment the path starts with."""

from __future__ import annotations

import itertools

import pytest
from starlette.responses import PlainTextResponse
from starlette.routing import Match, Route, Router
from starlette.testclient import TestClient

from charter.http.routing import bucket


def _endpoint(name):
    async def endpoint(request):
        return PlainTextResponse(name)

    return endpoint


ROUTES = [
    ("/users/me", ["GET"], "me"),
    ("/users/{user_id}", ["GET", "PATCH"], "user"),
    ("/{collection}/count", ["GET"], "loose-count"),  # a first segment that varies
    ("/users/{user_id}/keys", ["POST"], "user-keys"),
    ("/keys", ["GET"], "keys"),
    ("/keys", ["POST"], "create-key"),
    ("/keys/{key_id}", ["DELETE"], "delete-key"),
    ("/{anything:path}", ["PUT"], "catch-all-put"),
]


def _router(*, bucketed: bool) -> Router:
    router = Router(
        routes=[Route(path, _endpoint(name), methods=methods) for path, methods, name in ROUTES]
    )
    if bucketed:
        bucket(router)
    return router


PATHS = [
    "/users/me",
    "/users/42",
    "/users/42/keys",
    "/users/count",
    "/keys",
    "/keys/",
    "/keys/k1",
    "/keys/count",
    "/orders/count",
    "/orders",
    "/",
    "/nothing/here",
    "/users",
]
METHODS = ["GET", "POST", "PATCH", "DELETE", "PUT"]


@pytest.mark.parametrize(("method", "path"), list(itertools.product(METHODS, PATHS)))
def test_the_same_answer_as_an_unbucketed_router(method, path):
    plain = TestClient(_router(bucketed=False)).request(method, path, follow_redirects=False)
    fast = TestClient(_router(bucketed=True)).request(method, path, follow_redirects=False)
    assert (fast.status_code, fast.text, fast.headers.get("location")) == (
        plain.status_code,
        plain.text,
        plain.headers.get("location"),
    )


def test_only_the_requests_segment_is_tried():
    router = _router(bucketed=True)
    tried = []
    for route in router.routes[0].routes:
        original = route.matches

        def spy(scope, route=route, original=original):
            tried.append(route.path)
            return original(scope)

        route.matches = spy
    scope = {"type": "http", "path": "/keys", "root_path": "", "method": "GET"}
    match, _ = router.routes[0].matches(scope)
    assert match is Match.FULL
    assert tried == ["/{collection}/count", "/keys"]  # not the users routes


def test_bucketing_twice_changes_nothing():
    router = _router(bucketed=True)
    before = router.routes[0]
    bucket(router)
    assert router.routes == [before]
