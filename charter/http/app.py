"""The application factory: four spec-first surfaces on one Connexion AsyncApp, the request
pipeline around them, and the server-rendered pages (Flask) beside them."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import MutableMapping
from typing import Any

import connexion
from connexion import context as cx
from connexion.apps.asynchronous import AsyncApi, AsyncOperation
from connexion.decorators import StarletteDecorator
from connexion.exceptions import ProblemException
from connexion.http_facts import FORM_CONTENT_TYPES
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.middleware import ConnexionMiddleware, MiddlewarePosition
from connexion.middleware.response_validation import ResponseValidationMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.operations import OpenAPIOperation
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.security import AbstractSecurityHandler
from connexion.uri_parsing import OpenAPIURIParser
from connexion.utils import inspect_function_arguments
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route

from charter.http import pages, routing, validation
from charter.http.pipeline import Pipeline
from charter.http.pipeline import context as pipeline_context
from charter.http.rendering import render, translate
from charter.identity import principals
from charter.oauth import access_tokens as oauth_access_tokens
from charter.oauth import metadata as oauth_metadata
from charter.oauth.issuer import issuer_at
from charter.platform import errors, runtime
from charter.platform.logs import configure_logging
from charter.platform.settings import Settings, get_settings
from charter.platform.spec import (
    OAUTH_ROOT_METADATA_PATH,
    SURFACES,
    allowed_methods,
    bundled_spec,
)
from storage.migrate import upgrade

log = logging.getLogger("charter")


class _DecorateOnce(StarletteDecorator):
    """Connexion's decorator, with the handler wrapped once instead of on every request.

    Connexion 3.3 builds the decorator and inspects the handler's signature per request
    (`AsyncOperation.fn` is a property), and a URI parser too; nothing in them depends on the
    request but the request itself, which is still read per call.
    """

    def __call__(self, function: Any) -> Any:
        decorated = self.decorate(function)
        parsers: list[Any] = []  # the operation's URI parser (stateless), built at first use

        @functools.wraps(function)
        async def wrapper(*_args: Any, **_kwargs: Any) -> Any:
            if not parsers:
                parsers.append(self.uri_parser)  # reads the operation from the request context
            # The scope and receive themselves, not Connexion's context proxies: the request
            # reads the scope a dozen times, each through werkzeug's LocalProxy otherwise.
            request = _Request(
                cx.scope._get_current_object(),
                cx.receive._get_current_object(),
                uri_parser=parsers[0],
            )
            return await decorated(request)

        return wrapper


_NOT_PARSED = object()


class _Request(ConnexionRequest):
    """Connexion's request, without the work its parameter decorator repeats on every call: the
    JSON body the validator parsed is handed on instead of read and parsed again, and a body
    that is no form is not given to Starlette's form parser to look for files."""

    async def json(self) -> Any:
        body = self.scope.get(validation.PARSED_JSON, _NOT_PARSED)
        return await super().json() if body is _NOT_PARSED else body

    async def files(self) -> Any:
        if self._files is None and self.mimetype not in FORM_CONTENT_TYPES:
            return {}
        return await super().files()


_body_definition = OpenAPIOperation.body_definition
_BODY_DEFINITIONS_KEPT = 8  # content types remembered per operation (a client may send any)


def _remembered_body_definition(self: OpenAPIOperation, content_type: str | None = None) -> dict:
    """Connexion 3.3 rebuilds an operation's body definition (a media-type table, then a
    wildcard match) each time it is asked, seven times per request with a body (validation,
    URI parsing, the parameter decorator): about 5% of a create's CPU. It depends only on the
    operation and the content type, so each operation keeps its answers."""
    memo: dict[str | None, dict] = self.__dict__.setdefault("_charter_body_definitions", {})
    found = memo.get(content_type)
    if found is None:
        found = _body_definition(self, content_type)
        if len(memo) < _BODY_DEFINITIONS_KEPT:
            memo[content_type] = found
    return found


OpenAPIOperation.body_definition = _remembered_body_definition  # type: ignore[method-assign]


class _Operation(AsyncOperation):
    @functools.cached_property
    def fn(self) -> Any:  # type: ignore[override]  # a cached property in place of a property
        return _DecorateOnce(pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)(
            self._fn
        )


class _Api(AsyncApi):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        routing.bucket(self.router)
        self.router.redirect_slashes = False  # see routing.SurfaceRouting

    def make_operation(self, operation: Any) -> _Operation:
        return _Operation(
            operation.function,
            jsonifier=self.jsonifier,
            operation_id=operation.operation_id,
            pythonic_params=self.pythonic_params,
        )


class _DocsOnly(SwaggerUIMiddleware):
    """Connexion's Swagger UI middleware, consulted only for the surfaces' docs paths.

    Every request went through its router, which tried each surface's mount in turn before
    passing the request on: about 13% of an authenticated GET's CPU (measured in-process).
    """

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith(_DOCS_PREFIXES):
            await super().__call__(scope, receive, send)
        else:
            await self.app(scope, receive, send)


_DOCS_PREFIXES = tuple(f"{mount}/docs" for mount in SURFACES.values())

# Connexion's stack, with the Swagger UI consulted only for docs paths, routing by first path
# segment without trailing-slash redirects (charter/http/routing.py) and no response validation
# layer: responses are not validated at run time (`validate_responses=False`; the contract tests
# and Schemathesis check them), so that layer only passed each request on.
_REPLACED: dict[Any, Any] = {
    SwaggerUIMiddleware: _DocsOnly,
    RoutingMiddleware: routing.SurfaceRouting,
}
MIDDLEWARES = [
    _REPLACED.get(middleware, middleware)
    for middleware in ConnexionMiddleware.default_middlewares
    if middleware is not ResponseValidationMiddleware
]


@functools.lru_cache(maxsize=64)
def _accepts_kwarg(func: Any, keyword: str) -> bool:
    arguments, has_kwargs = inspect_function_arguments(func)
    return has_kwargs or keyword in arguments


# Connexion 3.3 inspects the security function's signature twice per request; the answer never
# changes for a function, so it is computed once.
AbstractSecurityHandler._accepts_kwarg = staticmethod(_accepts_kwarg)


class _URIParser(OpenAPIURIParser):
    """Connexion's parser, with each parameter's schema looked up once per operation.

    Connexion 3.3 rebuilds the name -> schema table on every lookup, once per parameter of
    every request, so a list operation with eight query parameters paid 64 dictionary builds.
    """

    def __init__(self, param_defns: Any, body_defn: Any) -> None:
        super().__init__(param_defns, body_defn)
        self._schemas = {k: v.get("schema", {}) for k, v in self._param_defns.items()}

    @property
    def param_schemas(self) -> dict[str, Any]:
        return self._schemas


class SurfaceResolver(Resolver):
    """`list_organizations` tagged `organizations` on v1 -> handlers.v1.organizations."""

    def __init__(self, surface: str) -> None:
        super().__init__()
        self.surface = surface

    def resolve_operation_id(self, operation: Any) -> str:
        tag = operation._operation["tags"][0]
        return f"handlers.{self.surface}.{tag}.{operation.operation_id}"


def handle_error(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Every error of every surface, rendered by the one renderer."""
    error = translate(exc)
    if error.status == 405:
        methods = allowed_methods(request.url.path)
        if methods:
            error.headers["Allow"] = ", ".join(methods)
    state = request.scope.get("charter")
    request_id = state.request_id if state is not None else ""
    logged = state.logged_path if state is not None else request.url.path
    if error.status >= 500 and type(error) is errors.CharterError:
        log.error(
            "unhandled exception",
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"fields": {"request_id": request_id, "path": logged}},
        )
    rendered = render(
        error,
        surface=state.surface if state is not None else "v1",
        request_id=request_id,
        path=request.url.path,
        accept=request.headers.get("accept"),
    )
    return ConnexionResponse(
        status_code=rendered.status,
        body=rendered.body,
        content_type=rendered.content_type,
        headers=rendered.headers,
    )


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> connexion.AsyncApp:
    """Build the ASGI app. Migrations run first unless `migrate=False`."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    rt = runtime.init(settings)
    # OAuth access tokens are credentials on every surface (charter.oauth issues them).
    principals.register_token_kind(
        oauth_access_tokens.is_access_token, oauth_access_tokens.load_principal
    )
    if migrate:
        upgrade(rt.db.engine)

    app = connexion.AsyncApp(__name__, specification_dir=".", middlewares=MIDDLEWARES)
    app._middleware_app.api_cls = _Api  # handlers decorated once (see _DecorateOnce)
    app._middleware_app.router.redirect_slashes = False  # see routing.SurfaceRouting
    for surface, mount in SURFACES.items():
        app.add_api(
            bundled_spec(surface),
            base_path=mount,
            name=surface,
            resolver=SurfaceResolver(surface),
            strict_validation=True,
            validate_responses=False,
            pythonic_params=False,
            uri_parser_class=_URIParser,
            validator_map={
                "parameter": validation.NamedParameterValidator,
                "body": validation.BODY_VALIDATORS,
            },
            swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/docs", serve_spec=False),
        )
    for exc_type in (
        errors.CharterError,
        ProblemException,
        StarletteHTTPException,
        UnicodeDecodeError,
        Exception,
    ):
        app.add_error_handler(exc_type, handle_error)
    # Outside the pipeline, so an alias is the /v1 operation to every stage.
    app.add_middleware(RootHealthAliases, position=MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(Pipeline, position=MiddlewarePosition.BEFORE_EXCEPTION)
    _add_root_routes(app, settings)
    return app


# Seed 002 lists its health endpoints at the root: there they are the /v1 operations under a
# second path (same handler, envelope and spec policy: never rate limited), not a fifth surface.
ROOT_HEALTH_ALIASES = {path: f"/v1{path}" for path in ("/health", "/health/ready", "/health/live")}


class RootHealthAliases:
    """An ASGI wrapper that continues a root health request as its /v1 path, so every pipeline
    stage, the router and the handler see the /v1 operation."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        target = ROOT_HEALTH_ALIASES.get(scope["path"]) if scope["type"] == "http" else None
        if target is not None:
            scope = {**scope, "path": target, "raw_path": target.encode()}
        await self.app(scope, receive, send)


class _ExactPaths(BaseRoute):
    """A set of fixed-path routes matched by one dictionary lookup."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = {route.path: route for route in routes}

    def matches(self, scope: Any) -> tuple[Match, MutableMapping[str, Any]]:
        route = self.routes.get(scope.get("path", "")) if scope["type"] == "http" else None
        return route.matches(scope) if route is not None else (Match.NONE, {})

    async def handle(self, scope: Any, receive: Any, send: Any) -> None:
        await self.routes[scope["path"]].handle(scope, receive, send)


def _add_root_routes(app: connexion.AsyncApp, settings: Settings) -> None:
    """Spec documents (served with their $refs into components, so generated SDKs get named
    models; Connexion would serve them fully dereferenced) and the Flask pages."""
    documents = {
        f"{mount}/openapi.json": json.dumps(bundled_spec(surface)).encode()
        for surface, mount in SURFACES.items()
    }
    documents["/openapi.json"] = json.dumps({"surfaces": pages.surfaces()}).encode()

    async def serve_document(request: Request) -> Response:
        return Response(documents[request.url.path], media_type="application/json")

    routes = [Route(path, serve_document, methods=["GET"]) for path in documents]

    async def serve_oauth_metadata(request: Request) -> Response:
        # RFC 8414 section 3: the metadata of the issuer `<base>/oauth` lives at the root.
        issuer = issuer_at(pipeline_context.base_url(request.scope)).issuer
        return Response(json.dumps(oauth_metadata.document(issuer)), media_type="application/json")

    routes.append(Route(OAUTH_ROOT_METADATA_PATH, serve_oauth_metadata, methods=["GET"]))
    page_app = pages.PagesApp(settings.threads)
    routes += [Route(path, page_app) for path in pages.PATHS]
    # Before the surfaces' mounts, which would otherwise claim /v1/openapi.json; as one route
    # that looks the path up, so API requests do not try each of these in turn.
    router = app._middleware_app.router
    router.routes.insert(0, _ExactPaths(routes))
