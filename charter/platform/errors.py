"""Domain exceptions: the one set every service raises.

A service raises a `CharterError` subclass; nothing else decides a status code. Each surface
renders the same exception in its own envelope and vocabulary (`charter.http.rendering`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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

    def __init__(self, message: str | None = None, *, field: str | None = None, **kw: Any) -> None:
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

    def __init__(self, message: str | None = None, *, field: str | None = None, **kw: Any) -> None:
        errors = kw.pop("errors", None) or ([FieldError(field, message or "")] if field else [])
        super().__init__(message, errors=errors, **kw)


class PreconditionFailed(CharterError):
    """If-Match named a version that is no longer the current one (RFC 9110 13.1.1)."""

    kind, status = "precondition_failed", 412
    default_message = "The resource changed since the version named in If-Match"


class IdempotencyInFlight(CharterError):
    kind, status = "idempotency_in_flight", 409
    default_message = "A request with this idempotency key is still being processed"


class IdempotencyMismatch(CharterError):
    kind, status = "idempotency_mismatch", 422
    default_message = "This idempotency key was used with a different request"


class RangeNotSatisfiable(CharterError):
    """A byte range that starts past the end of the file (RFC 9110 15.5.17)."""

    kind, status, default_message = "range_not_satisfiable", 416, "Range not satisfiable"


class Gone(CharterError):
    """Existed, and is no more (an expired or revoked share link)."""

    kind, status, default_message = "gone", 410, "This link has expired or was revoked"


class Locked(CharterError):
    """Locked after too many failed attempts (a share's password)."""

    kind, status, default_message = "locked", 423, "Locked after too many failed attempts"


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


class RequestTimeout(Timeout):
    """The client did not send its whole body in time (408); the connection is closed."""

    status, default_message = 408, "The request body did not arrive in time"

    def __init__(self, message: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.headers.setdefault("Connection", "close")


class OAuthError(CharterError):
    """An RFC 6749 (5.2) error of the OAuth surface; `kind` is its `error` code. Raised only by
    the OAuth services: the other surfaces never render these."""

    kind, status, default_message = "invalid_request", 400, "The request is invalid"

    def __init__(self, message: str | None = None, *, field: str | None = None, **kw: Any) -> None:
        errors = kw.pop("errors", None) or ([FieldError(field, message or "")] if field else [])
        super().__init__(message, errors=errors, **kw)


class InvalidClient(OAuthError):
    kind, status, default_message = "invalid_client", 401, "Client authentication failed"


class InvalidGrant(OAuthError):
    kind = "invalid_grant"
    default_message = "The grant is invalid, expired, revoked or was issued to another client"


class UnauthorizedClient(OAuthError):
    kind = "unauthorized_client"
    default_message = "This client may not use this grant type"


class UnsupportedGrantType(OAuthError):
    kind, default_message = "unsupported_grant_type", "Unsupported grant_type"


class InvalidScope(OAuthError):
    kind, default_message = "invalid_scope", "The requested scope is invalid or not allowed"


class InvalidTarget(OAuthError):
    kind, default_message = "invalid_target", "The requested resource is invalid (RFC 8707)"


class InvalidToken(OAuthError):
    """RFC 6750 3.1: a bearer token missing, expired or revoked at a resource (userinfo)."""

    kind, status, default_message = "invalid_token", 401, "The access token is invalid"


# What a broken database constraint means, for the checks a service leaves to the database where
# it names the constraint (storage.db.names_constraints): constraint name -> the error to raise.
# Each service registers its own; charter.http.rendering.translate looks them up.
CONSTRAINT_ERRORS: dict[str, Callable[[], CharterError]] = {}
