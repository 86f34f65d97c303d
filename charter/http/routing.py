"""Route lookup by first path segment for the routers Connexion builds per surface, and no
trailing-slash redirects (`SurfaceRouting`).

Connexion routes each request twice (its routing middleware, then the app that calls the handler),
each time through a Starlette router that tries every operation of the surface in turn: 28 route
matches for one `GET /v1/keys`. `bucket` puts one route in front of a router's operations that
tries only those whose first path segment can match the request's, in their original order, so
the first match (and the 405 for a known path with another method) is the same as before.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from connexion.middleware.routing import RoutingMiddleware
from starlette._utils import get_route_path
from starlette.routing import BaseRoute, Match, Mount, Route, Router

_MATCHED = "charter.route"  # the matched operation route, carried in the scope to `handle`


class _Bucketed(BaseRoute):
    def __init__(self, routes: list[BaseRoute]) -> None:
        self.routes = routes
        loose = [i for i, route in enumerate(routes) if _first_segment(route) is None]
        keys = {key for route in routes if (key := _first_segment(route)) is not None}
        self.buckets = {
            key: [
                routes[i]
                for i in sorted(
                    loose + [i for i, r in enumerate(routes) if _first_segment(r) == key]
                )
            ]
            for key in keys
        }
        self.loose = [routes[i] for i in loose]

    def matches(self, scope: Any) -> tuple[Match, MutableMapping[str, Any]]:
        segment = get_route_path(scope).split("/", 2)[1:2]
        candidates = self.buckets.get(segment[0], self.loose) if segment else self.loose
        partial: tuple[Match, MutableMapping[str, Any]] | None = None
        for route in candidates:
            match, child = route.matches(scope)
            if match is Match.FULL:
                return match, {**child, _MATCHED: route}
            if match is Match.PARTIAL and partial is None:
                partial = (match, {**child, _MATCHED: route})
        return partial or (Match.NONE, {})

    async def handle(self, scope: Any, receive: Any, send: Any) -> None:
        await scope[_MATCHED].handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        return Router(routes=self.routes).url_path_for(name, **path_params)


def _first_segment(route: BaseRoute) -> str | None:
    """The route's first path segment when it is fixed text; None when it may vary."""
    if not isinstance(route, Route):
        return None
    first = route.path.split("/", 2)[1:2]
    return first[0] if first and "{" not in first[0] else None


def bucket(router: Router) -> None:
    """Replace the router's operation routes by one bucketed route over them (idempotent)."""
    if len(router.routes) > 1 or not isinstance(next(iter(router.routes), None), _Bucketed):
        router.routes[:] = [_Bucketed(list(router.routes))] if router.routes else []


class SurfaceRouting(RoutingMiddleware):
    """Connexion's routing middleware with each surface's operations bucketed, and without
    Starlette's trailing-slash redirect.

    A Starlette router answers a path it does not know with a 307 to the same path with (or
    without) a trailing slash when that one would match: `DELETE /v2/files/` (or `/v2/files/%2F`)
    was sent to `/v2/files`, outside every surface's envelope, and a client that follows it would
    repeat a DELETE on another resource. Paths are exact: an unknown one is the surface's 404
    (`No such endpoint`), rendered like every other error.
    """

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.router.redirect_slashes = False

    def add_api(self, *args: Any, **kwargs: Any) -> None:
        super().add_api(*args, **kwargs)
        for route in self.router.routes:
            if isinstance(route, Mount) and isinstance(route.app, Router):
                bucket(route.app)
                route.app.redirect_slashes = False
