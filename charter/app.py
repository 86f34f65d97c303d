"""The application factory: four spec-first surfaces on one Connexion FlaskApp."""

from __future__ import annotations

import atexit
import copy
import html
import json
import logging
import logging.handlers
import queue
import sys
import time

import connexion
from a2wsgi import WSGIMiddleware
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionResponse
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from charter import errors, runtime, validation
from charter.middleware import CharterMiddleware, JsonFormatter, timeout_for
from charter.settings import Settings, get_settings
from charter.spec import SURFACES, allowed_methods, bundled_spec
from storage import db as storage_db
from storage.migrate import upgrade

log = logging.getLogger("charter")


class SurfaceResolver(Resolver):
    """`list_organizations` tagged `organizations` on v1 -> handlers.v1.organizations."""

    def __init__(self, surface: str) -> None:
        super().__init__()
        self.surface = surface

    def resolve_operation_id(self, operation) -> str:
        tag = operation._operation["tags"][0]
        return f"handlers.{self.surface}.{tag}.{operation.operation_id}"


def _from_problem(problem: ProblemException) -> errors.CharterError:
    status = problem.status
    headers = dict(getattr(problem, "headers", None) or {})
    if status == 400:
        field_errors = validation.field_errors(str(problem.detail or problem.title or ""))
        summary = "Request failed validation"
        if field_errors:
            summary += f": {field_errors[0].field}: {field_errors[0].message}"
        return errors.Malformed(summary, errors=field_errors, headers=headers)
    mapping = {
        401: errors.Unauthenticated,
        403: errors.PermissionDenied,
        404: errors.NotFound,
        405: errors.MethodNotAllowed,
        406: errors.NotAcceptable,
        413: errors.PayloadTooLarge,
        415: errors.UnsupportedMediaType,
    }
    cls = mapping.get(status, errors.Malformed if 400 <= status < 500 else errors.CharterError)
    detail = str(problem.detail or "") or None
    if status >= 500:
        detail = None  # never leak internals
    if status == 401:
        detail = "Missing or invalid credentials: send X-API-Key or Authorization: Bearer"
    return cls(detail, headers=headers)


def _from_http(exc: StarletteHTTPException) -> errors.CharterError:
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        return errors.NotFound("No such endpoint", headers=headers)
    if exc.status_code == 405:
        return errors.MethodNotAllowed(headers=headers)
    if exc.status_code == 403:
        return errors.PermissionDenied(str(exc.detail), headers=headers)
    if exc.status_code == 401:
        return errors.Unauthenticated(headers=headers)
    if 400 <= exc.status_code < 500:
        return errors.Malformed(str(exc.detail), headers=headers)
    return errors.CharterError(headers=headers)


def _translate(exc: Exception) -> errors.CharterError:
    if isinstance(exc, errors.CharterError):
        return exc
    if isinstance(exc, ProblemException):
        return _from_problem(exc)
    if isinstance(exc, StarletteHTTPException):
        return _from_http(exc)
    if isinstance(exc, UnicodeDecodeError):
        return errors.Malformed("Request body is not valid UTF-8", field="body")
    if isinstance(exc, TimeoutError) or _is_cancelled_query(exc):
        return errors.Timeout("The request exceeded its time limit; its changes were rolled back")
    return errors.CharterError()


def _is_cancelled_query(exc: Exception) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    return type(orig).__name__ == "QueryCanceled" or "interrupted" in str(orig).lower()


def handle_error(request, exc: Exception) -> ConnexionResponse:
    error = _translate(exc)
    if error.status == 405:
        methods = allowed_methods(request.url.path)
        if methods:
            error.headers["Allow"] = ", ".join(methods)
    state = request.scope.get("charter", {})
    request_id = state.get("request_id", "")
    if error.status >= 500 and type(error) is errors.CharterError:
        log.error(
            "unhandled exception",
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"fields": {"request_id": request_id, "path": request.url.path}},
        )
    rendered = errors.render(
        error,
        surface=errors.surface_for_path(request.url.path),
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


class _Handoff(logging.handlers.QueueHandler):
    """Hands records to the writer thread; exceptions travel as text."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record = copy.copy(record)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        return record


_listener: logging.handlers.QueueListener | None = None


def configure_logging(level: str) -> None:
    """JSON lines on stderr, written by a thread so a slow pipe never stalls the event loop."""
    global _listener
    root = logging.getLogger()
    root.setLevel(level)
    if _listener is not None:
        return
    stream = logging.StreamHandler(sys.stderr)
    stream.setFormatter(JsonFormatter())
    records: queue.SimpleQueue = queue.SimpleQueue()
    _listener = logging.handlers.QueueListener(records, stream)
    _listener.start()
    atexit.register(_listener.stop)
    root.handlers = [_Handoff(records)]
    logging.getLogger("uvicorn.access").disabled = True


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> connexion.FlaskApp:
    """Build the ASGI app. Migrations run first unless `migrate=False`."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    rt = runtime.init(settings)
    if migrate:
        upgrade(rt.db.engine)

    app = connexion.FlaskApp(__name__, specification_dir=".")
    for surface, mount in SURFACES.items():
        app.add_api(
            bundled_spec(surface),
            base_path=mount,
            name=surface,
            resolver=SurfaceResolver(surface),
            strict_validation=True,
            validate_responses=False,
            pythonic_params=False,
            validator_map={"parameter": validation.NamedParameterValidator},
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
    app.add_middleware(CharterMiddleware, position=MiddlewarePosition.BEFORE_EXCEPTION)

    flask_app = app.app
    # Connexion's FlaskApp runs at most 10 handlers at once (a2wsgi's default pool).
    middleware_app = app._middleware_app
    middleware_app.asgi_app = WSGIMiddleware(flask_app.wsgi_app, workers=settings.threads)

    @flask_app.before_request
    def _set_deadline():
        from connexion.context import _operation
        from flask import request

        if request.blueprint is not None:
            try:
                _operation.get()
            except LookupError:
                # Connexion's router did not match but Flask's did (paths with characters the
                # two routers treat differently): there is no validated operation to run.
                raise errors.NotFound("No such endpoint") from None

        budget = timeout_for(request.method, request.path, request.content_type or "")
        storage_db.deadline.set(time.monotonic() + budget)

    @flask_app.teardown_request
    def _clear_deadline(_exc):
        storage_db.deadline.set(None)

    _add_root_routes(app)
    return app


def _add_root_routes(app: connexion.FlaskApp) -> None:
    surfaces = [
        {
            "name": surface,
            "title": bundled_spec(surface)["info"]["title"],
            "version": bundled_spec(surface)["info"]["version"],
            "status": bundled_spec(surface)["info"].get("x-api-status", "stable"),
            "base_path": mount,
            "openapi": f"{mount}/openapi.json",
            "docs": f"{mount}/docs/",
        }
        for surface, mount in SURFACES.items()
    ]

    def root_openapi():
        return app.app.response_class(
            json.dumps({"surfaces": surfaces}), mimetype="application/json"
        )

    def root_docs():
        items = "".join(
            f'<li><a href="{html.escape(s["docs"])}">{html.escape(s["title"])}</a> '
            f"{html.escape(s['version'])} ({html.escape(s['status'])}) at "
            f"<code>{html.escape(s['base_path'])}</code> - "
            f'<a href="{html.escape(s["openapi"])}">openapi.json</a></li>'
            for s in surfaces
        )
        page = (
            "<!doctype html><title>Charter API</title>"
            f"<h1>Charter API surfaces</h1><ul>{items}</ul>"
        )
        return app.app.response_class(page, mimetype="text/html")

    def surface_openapi(surface: str):
        # Served with its $refs into components (Connexion would serve it fully dereferenced),
        # so generated SDKs get named models.
        document = json.dumps(bundled_spec(surface))
        return lambda: app.app.response_class(document, mimetype="application/json")

    for surface, mount in SURFACES.items():
        app.add_url_rule(f"{mount}/openapi.json", f"{surface}_openapi", surface_openapi(surface))
    app.add_url_rule("/openapi.json", "root_openapi", root_openapi)
    app.add_url_rule("/docs", "root_docs", root_docs)
