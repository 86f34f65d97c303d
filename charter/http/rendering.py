"""Errors as responses: the one table per surface that maps a domain error's kind to the
surface's code, and the one renderer for whole responses and batch items alike.

Connexion's and Starlette's own exceptions (validation, routing, security) are translated into
domain errors first, so every error of every surface leaves through `render`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from connexion.exceptions import ProblemException
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from charter.http import validation
from charter.platform import errors
from charter.platform.clock import isoformat, utcnow
from charter.platform.errors import CharterError
from storage.db import violated_constraint

# kind -> code, per surface. A kind missing from a surface falls back to its nearest generic code.
CODES: dict[str, dict[str, str]] = {
    "v1": {
        "invalid": "VALIDATION_ERROR",
        "unauthenticated": "AUTHENTICATION_FAILED",
        "invalid_credentials": "AUTHENTICATION_FAILED",
        "account_locked": "ACCOUNT_LOCKED",
        "mfa_required": "MFA_REQUIRED",
        "forbidden": "PERMISSION_DENIED",
        "not_found": "RESOURCE_NOT_FOUND",
        "method_not_allowed": "METHOD_NOT_ALLOWED",
        "conflict": "CONFLICT",
        "precondition_failed": "PRECONDITION_FAILED",
        "idempotency_in_flight": "IDEMPOTENCY_KEY_IN_USE",
        "idempotency_mismatch": "IDEMPOTENCY_KEY_REUSED",
        "too_large": "PAYLOAD_TOO_LARGE",
        "uri_too_long": "VALIDATION_ERROR",
        "headers_too_large": "VALIDATION_ERROR",
        "unsupported_media_type": "VALIDATION_ERROR",
        "not_acceptable": "VALIDATION_ERROR",
        "rate_limited": "RATE_LIMIT_EXCEEDED",
        "internal": "INTERNAL_ERROR",
        "unavailable": "SERVICE_UNAVAILABLE",
        "timeout": "TIMEOUT",
        "range_not_satisfiable": "VALIDATION_ERROR",
        "gone": "CONFLICT",
        "locked": "ACCOUNT_LOCKED",
    },
    "v2": {
        "invalid": "INVALID_REQUEST",
        "unauthenticated": "UNAUTHORIZED",
        "invalid_credentials": "INVALID_CREDENTIALS",
        "account_locked": "ACCOUNT_LOCKED",
        "mfa_required": "MFA_REQUIRED",
        "forbidden": "FORBIDDEN",
        "not_found": "NOT_FOUND",
        "method_not_allowed": "METHOD_NOT_ALLOWED",
        "conflict": "CONFLICT",
        "precondition_failed": "PRECONDITION_FAILED",
        "idempotency_in_flight": "CONFLICT",
        "idempotency_mismatch": "INVALID_REQUEST",
        "too_large": "PAYLOAD_TOO_LARGE",
        "uri_too_long": "INVALID_REQUEST",
        "headers_too_large": "INVALID_REQUEST",
        "unsupported_media_type": "INVALID_REQUEST",
        "not_acceptable": "INVALID_REQUEST",
        "rate_limited": "RATE_LIMITED",
        "internal": "INTERNAL_ERROR",
        "unavailable": "SERVICE_UNAVAILABLE",
        "timeout": "TIMEOUT",
        "range_not_satisfiable": "RANGE_NOT_SATISFIABLE",
        "gone": "GONE",
        "locked": "LOCKED",
    },
    "ingestion": {
        "invalid": "VALIDATION_ERROR",
        "unauthenticated": "AUTHENTICATION_ERROR",
        "invalid_credentials": "AUTHENTICATION_ERROR",
        "account_locked": "AUTHORIZATION_ERROR",
        "mfa_required": "AUTHORIZATION_ERROR",
        "forbidden": "AUTHORIZATION_ERROR",
        "not_found": "NOT_FOUND",
        "method_not_allowed": "METHOD_NOT_ALLOWED",
        "conflict": "CONFLICT",
        "precondition_failed": "CONFLICT",
        "idempotency_in_flight": "CONFLICT",
        "idempotency_mismatch": "VALIDATION_ERROR",
        "too_large": "PAYLOAD_TOO_LARGE",
        "uri_too_long": "VALIDATION_ERROR",
        "headers_too_large": "VALIDATION_ERROR",
        "unsupported_media_type": "VALIDATION_ERROR",
        "not_acceptable": "VALIDATION_ERROR",
        "rate_limited": "RATE_LIMIT_EXCEEDED",
        "internal": "INTERNAL_ERROR",
        "unavailable": "SERVICE_UNAVAILABLE",
        "timeout": "TIMEOUT",
        "range_not_satisfiable": "VALIDATION_ERROR",
        "gone": "CONFLICT",
        "locked": "AUTHORIZATION_ERROR",
    },
    "oauth": {
        "invalid": "invalid_request",
        # Only UserInfo takes a bearer token here (RFC 6750 3.1); clients fail as invalid_client.
        "unauthenticated": "invalid_token",
        "invalid_credentials": "invalid_grant",
        "account_locked": "access_denied",
        "mfa_required": "access_denied",
        "forbidden": "access_denied",
        "not_found": "not_found",
        "method_not_allowed": "invalid_request",
        "conflict": "invalid_request",
        "precondition_failed": "invalid_request",
        "idempotency_in_flight": "invalid_request",
        "idempotency_mismatch": "invalid_request",
        "too_large": "invalid_request",
        "uri_too_long": "invalid_request",
        "headers_too_large": "invalid_request",
        "unsupported_media_type": "invalid_request",
        "not_acceptable": "invalid_request",
        "rate_limited": "slow_down",
        "internal": "server_error",
        "unavailable": "temporarily_unavailable",
        "timeout": "temporarily_unavailable",
        "range_not_satisfiable": "invalid_request",
        "gone": "invalid_request",
        "locked": "access_denied",
        # RFC 6749 5.2, RFC 7009, RFC 8707 and RFC 6750 codes, raised by charter.oauth only
        "invalid_request": "invalid_request",
        "invalid_client": "invalid_client",
        "invalid_grant": "invalid_grant",
        "unauthorized_client": "unauthorized_client",
        "unsupported_grant_type": "unsupported_grant_type",
        "invalid_scope": "invalid_scope",
        "invalid_target": "invalid_target",
        "invalid_token": "invalid_token",
    },
}


# code -> HTTP status, where a surface's seed binds its codes to statuses (seed 000's tables for
# /v2). An error whose code has a documented status leaves with that status, whatever the
# generic layer chose (e.g. a 415 or 422 is INVALID_REQUEST, so 400, on /v2).
STATUSES: dict[str, dict[str, int]] = {
    "v2": {
        "INVALID_REQUEST": 400,
        "INVALID_CREDENTIALS": 401,
        "UNAUTHORIZED": 401,
        "ACCOUNT_LOCKED": 403,
        "MFA_REQUIRED": 403,
        "FORBIDDEN": 403,
        "NOT_FOUND": 404,
        "GONE": 410,
        "LOCKED": 423,
        "RANGE_NOT_SATISFIABLE": 416,
        "RATE_LIMITED": 429,
        "INTERNAL_ERROR": 500,
    },
    # RFC 6749 5.2: these are 400 (only invalid_client is 401), whatever the generic layer chose.
    "oauth": {"invalid_grant": 400, "unauthorized_client": 400, "unsupported_grant_type": 400},
}


@dataclass
class Rendered:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


def wants_problem(accept: str | None) -> bool:
    return bool(accept) and "application/problem+json" in accept.lower()


def render(
    error: CharterError, *, surface: str, request_id: str, path: str, accept: str | None
) -> Rendered:
    """Render a domain error in the surface's envelope (or RFC 9457 when asked for)."""
    code = code_for(error, surface)
    status = STATUSES.get(surface, {}).get(code, error.status)
    if surface == "oauth" and status == 422:  # RFC 6749 5.2: a malformed request is a 400
        status = 400
    items = [{"field": e.field, "message": e.message} for e in error.errors]
    body: dict[str, Any]
    if wants_problem(accept):
        body = {
            "type": "about:blank",
            "title": HTTPStatus(status).phrase,
            "status": status,
            "detail": error.message,
            "instance": path,
            "code": code,
            "request_id": request_id,
        }
        if items:
            body["errors"] = items
        content_type = "application/problem+json"
    else:
        body = _envelope(error, surface=surface, code=code, items=items, request_id=request_id)
        content_type = "application/json"
    retry_after = rate_limit_wait(error)
    if retry_after is not None:
        body["retry_after"] = retry_after
    headers = dict(error.headers)
    if surface == "oauth":  # RFC 6749 5.1/5.2: OAuth answers are never cached
        headers.setdefault("Cache-Control", "no-store")
        headers.setdefault("Pragma", "no-cache")
    # A client that failed to authenticate is challenged by charter.oauth.client_auth, with Basic
    # only when it tried Basic (RFC 6749 5.2); Bearer would name no client authentication.
    if status == 401 and not (surface == "oauth" and code == "invalid_client"):
        headers.setdefault("WWW-Authenticate", 'Bearer realm="charter"')
    return Rendered(status, json.dumps(body).encode(), content_type, headers)


def _envelope(
    error: CharterError, *, surface: str, code: str, items: list[dict[str, Any]], request_id: str
) -> dict[str, Any]:
    """The error body in the surface's own envelope (v1, v2, ingestion, or OAuth's RFC 6749)."""
    if surface == "v1":
        return {
            "error": {"code": code, "message": error.message, "details": items},
            "request_id": request_id,
        }
    if surface == "v2":
        return {
            "error": {"code": code, "message": error.message, "details": _v2_details(items)},
            "request_id": request_id,
        }
    if surface == "ingestion":
        return {
            "success": False,
            "error": {
                "code": code,
                "message": error.message,
                "details": {"errors": items} if items else {},
            },
            "timestamp": isoformat(utcnow()),
            "request_id": request_id,
        }
    return {"error": code, "error_description": _oauth_description(error, items)}


def _oauth_description(error: CharterError, items: list[dict[str, Any]]) -> str:
    """The message and its items in one `error_description`, each item once: one the message
    already says is left out, one saying what the message says is named by its field alone."""
    parts = [
        i["field"] if i["message"] == error.message else f"{i['field']}: {i['message']}"
        for i in items
        if f"{i['field']}: {i['message']}" not in error.message
    ]
    return error.message + (": " + "; ".join(parts) if parts else "")


def rate_limit_wait(error: CharterError) -> int | None:
    """A 429's wait in seconds, the top-level `retry_after` of every envelope (as seed 004's
    429 example shows it, beside the surface's own fields); the same number as `Retry-After`."""
    value = error.headers.get("Retry-After") if error.kind == "rate_limited" else None
    return int(value) if value is not None and value.isdigit() else None


def _v2_details(items: list[dict[str, Any]]) -> dict[str, Any]:
    if not items:
        return {}
    return {"field": items[0]["field"], "reason": items[0]["message"], "errors": items}


def item_error(error: CharterError, surface: str) -> dict[str, Any]:
    """A batch item's error: the `error` object a whole response of the surface would carry."""
    items = [{"field": e.field, "message": e.message} for e in error.errors]
    details = _v2_details(items) if surface == "v2" else items
    return {"code": code_for(error, surface), "message": error.message, "details": details}


def code_for(error: CharterError, surface: str) -> str:
    return CODES[surface].get(error.kind, CODES[surface]["internal"])


def _from_problem(problem: ProblemException) -> CharterError:
    status = problem.status
    headers = dict(getattr(problem, "headers", None) or {})
    if status == 400:
        field_errors = validation.field_errors(str(problem.detail or problem.title or ""))
        summary = "Request failed validation"
        if field_errors:
            summary += f": {field_errors[0].field}: {field_errors[0].message}"
        return errors.Malformed(summary, errors=field_errors, headers=headers)
    mapping: dict[int, type[CharterError]] = {
        401: errors.Unauthenticated,
        403: errors.PermissionDenied,
        404: errors.NotFound,
        405: errors.MethodNotAllowed,
        406: errors.NotAcceptable,
        413: errors.PayloadTooLarge,
        415: errors.UnsupportedMediaType,
    }
    cls = mapping.get(status, errors.Malformed if 400 <= status < 500 else CharterError)
    detail = str(problem.detail or "") or None
    if status >= 500:
        detail = None  # never leak internals
    if status == 401:
        detail = "Missing or invalid credentials: send X-API-Key or Authorization: Bearer"
    return cls(detail, headers=headers)


def _from_http(exc: StarletteHTTPException) -> CharterError:
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
    return CharterError(headers=headers)


def translate(exc: BaseException) -> CharterError:
    """Any exception as the domain error it means (500 for the unexpected)."""
    if isinstance(exc, CharterError):
        return exc
    if isinstance(exc, ProblemException):
        return _from_problem(exc)
    if isinstance(exc, StarletteHTTPException):
        return _from_http(exc)
    if isinstance(exc, UnicodeDecodeError):
        return errors.Malformed("Request body is not valid UTF-8", field="body")
    constraint_error = errors.CONSTRAINT_ERRORS.get(violated_constraint(exc) or "")
    if constraint_error is not None:
        return constraint_error()
    if isinstance(exc, TimeoutError) or _is_cancelled_query(exc):
        return errors.Timeout("The request exceeded its time limit; its changes were rolled back")
    if database_unavailable(exc):
        return errors.Unavailable(
            "The database connection was lost; retry the request",
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )
    return CharterError()


# A lost connection is discarded with its pool's other connections of the same age (SQLAlchemy
# invalidates the pool on a disconnect), so the next request gets a fresh one at once.
DATABASE_RETRY_AFTER_SECONDS = 1
# PostgreSQL's connection exceptions (class 08), administrator/crash shutdown and "cannot connect
# now" (57P01-57P03), too many connections (53300); None: the client lost the connection.
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")


def database_unavailable(exc: BaseException) -> bool:
    """Did the database connection fail (killed, restarted, unreachable), rather than the
    statement? Such a request may be retried as a whole: 503, never 500."""
    if not isinstance(exc, DBAPIError) or _is_cancelled_query(exc):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    if type(orig).__module__.split(".")[0] != "psycopg" or not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(orig, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(_UNAVAILABLE_SQLSTATES)


def _is_cancelled_query(exc: BaseException) -> bool:
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    return type(orig).__name__ == "QueryCanceled" or "interrupted" in str(orig).lower()
