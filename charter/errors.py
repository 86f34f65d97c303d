"""Domain exceptions and the one table per surface that turns them into responses.

The domain raises `CharterError` subclasses; nothing else decides a status code or an error
code. Each surface renders the same exception in its own envelope and vocabulary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from charter.clock import isoformat, utcnow


@dataclass
class FieldError:
    field: str
    message: str


class CharterError(Exception):
    kind = "internal"
    status = 500
    default_message = "Internal server error"

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        self.errors = errors or []
        self.headers = headers or {}


class Invalid(CharterError):
    """Well-formed input that breaks a rule (422); `Malformed` is input that breaks the spec."""

    kind, status, default_message = "invalid", 422, "Request failed validation"

    def __init__(self, message: str | None = None, *, field: str | None = None, **kw) -> None:
        errors = kw.pop("errors", None) or ([FieldError(field, message or "")] if field else [])
        super().__init__(message, errors=errors, **kw)


class Malformed(Invalid):
    status = 400


class Unauthenticated(CharterError):
    kind, status, default_message = "unauthenticated", 401, "Missing or invalid credentials"


class InvalidCredentials(CharterError):
    kind, status, default_message = "invalid_credentials", 401, "Wrong username or password"


class AccountLocked(CharterError):
    kind, status = "account_locked", 403
    default_message = "Too many failed attempts; the account is locked"


class MfaRequired(CharterError):
    kind, status, default_message = "mfa_required", 403, "An MFA code is required"


class PermissionDenied(CharterError):
    kind, status, default_message = "forbidden", 403, "Insufficient permissions"


class NotFound(CharterError):
    kind, status, default_message = "not_found", 404, "Resource not found"


class MethodNotAllowed(CharterError):
    kind, status, default_message = "method_not_allowed", 405, "Method not allowed"


class Conflict(CharterError):
    kind, status, default_message = "conflict", 409, "Conflicts with the current state"


class IdempotencyInFlight(CharterError):
    kind, status = "idempotency_in_flight", 409
    default_message = "A request with this idempotency key is still being processed"


class IdempotencyMismatch(CharterError):
    kind, status = "idempotency_mismatch", 422
    default_message = "This idempotency key was used with a different request"


class PayloadTooLarge(CharterError):
    kind, status, default_message = "too_large", 413, "Request body too large"


class UriTooLong(CharterError):
    kind, status, default_message = "uri_too_long", 414, "URL too long"


class HeadersTooLarge(CharterError):
    kind, status, default_message = "headers_too_large", 431, "Request headers too large"


class UnsupportedMediaType(CharterError):
    kind, status, default_message = "unsupported_media_type", 415, "Unsupported content type"


class NotAcceptable(CharterError):
    kind, status, default_message = "not_acceptable", 406, "Cannot produce the requested type"


class RateLimited(CharterError):
    kind, status, default_message = "rate_limited", 429, "Too many requests"


class Unavailable(CharterError):
    kind, status, default_message = "unavailable", 503, "Service temporarily unavailable"


class Timeout(CharterError):
    kind, status, default_message = "timeout", 504, "The request took too long and was cancelled"


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
    },
    "oauth": {
        "invalid": "invalid_request",
        "unauthenticated": "invalid_client",
        "invalid_credentials": "invalid_grant",
        "account_locked": "access_denied",
        "mfa_required": "access_denied",
        "forbidden": "access_denied",
        "not_found": "not_found",
        "method_not_allowed": "invalid_request",
        "conflict": "invalid_request",
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
    },
}

SURFACE_PREFIXES = (("/api/v1", "ingestion"), ("/oauth", "oauth"), ("/v1", "v1"), ("/v2", "v2"))


def surface_for_path(path: str) -> str:
    """The API surface a path belongs to; paths outside every surface render as v1."""
    for prefix, surface in SURFACE_PREFIXES:
        if path == prefix or path.startswith(prefix + "/"):
            return surface
    return "v1"


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
    code = CODES[surface].get(error.kind, CODES[surface]["internal"])
    items = [{"field": e.field, "message": e.message} for e in error.errors]
    body: dict[str, Any]
    if wants_problem(accept):
        body = {
            "type": "about:blank",
            "title": HTTPStatus(error.status).phrase,
            "status": error.status,
            "detail": error.message,
            "instance": path,
            "code": code,
            "request_id": request_id,
        }
        if items:
            body["errors"] = items
        content_type = "application/problem+json"
    elif surface == "v1":
        body = {"error": {"code": code, "message": error.message, "details": items}}
        body["request_id"] = request_id
        content_type = "application/json"
    elif surface == "v2":
        details: dict[str, Any] = {}
        if items:
            details = {"field": items[0]["field"], "reason": items[0]["message"], "errors": items}
        body = {"error": {"code": code, "message": error.message, "details": details}}
        body["request_id"] = request_id
        content_type = "application/json"
    elif surface == "ingestion":
        body = {
            "success": False,
            "error": {
                "code": code,
                "message": error.message,
                "details": {"errors": items} if items else {},
            },
            "timestamp": isoformat(utcnow()),
            "request_id": request_id,
        }
        content_type = "application/json"
    else:
        description = error.message
        if items:
            description += ": " + "; ".join(f"{i['field']}: {i['message']}" for i in items)
        body = {"error": code, "error_description": description}
        content_type = "application/json"
    headers = dict(error.headers)
    if error.status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="charter"')
    return Rendered(error.status, json.dumps(body).encode(), content_type, headers)
