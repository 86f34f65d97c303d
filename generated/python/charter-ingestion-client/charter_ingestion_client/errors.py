"""Errors raised by the API functions.

Every operation module has four functions. ``sync()`` and ``asyncio()`` return the success model
and raise :class:`ApiError` for every 4xx and 5xx answer. ``sync_detailed()`` and
``asyncio_detailed()`` never raise for a status: they return the whole ``Response``, whose
``parsed`` is the error model when the status is an error.
"""

from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

import httpx


class ApiError(Exception):
    """The server answered with a 4xx or 5xx status.

    Attributes:
        status_code: the HTTP status.
        code: the surface's error code (``RESOURCE_NOT_FOUND`` on /v1, ``INVALID_CREDENTIALS`` on
            /v2, ``invalid_grant`` on /oauth, ...; docs/ERRORS.md lists them all), or None when
            the body carried none (a proxy's error page, for example).
        message: the human-readable message.
        request_id: the request's id (from the body, else the X-Request-Id header): quote it when
            reporting a problem.
        details: the field errors or other details, as the surface sends them.
        parsed: the error body as the operation's generated model, or None if it does not fit.
        content: the raw response body.
        headers: the response headers.
    """

    def __init__(
        self,
        *,
        status_code: int,
        code: str | None,
        message: str,
        request_id: str | None = None,
        details: Any = None,
        parsed: Any = None,
        content: bytes = b"",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.message = message
        self.request_id = request_id
        self.details = details
        self.parsed = parsed
        self.content = content
        self.headers = dict(headers or {})
        summary = f"{status_code} {code or _phrase(status_code)}: {message}"
        if request_id:
            summary += f" (request {request_id})"
        super().__init__(summary)

    @classmethod
    def from_response(cls, response: httpx.Response, parse: Callable[[], Any] | None = None) -> "ApiError":
        """Read the code, message and request id from any of Charter's error envelopes."""
        try:
            body = response.json()
        except ValueError:
            body = None
        code, message, details = _envelope_fields(body)
        request_id = body.get("request_id") if isinstance(body, dict) else None
        return cls(
            status_code=response.status_code,
            code=code,
            message=message or _phrase(response.status_code),
            request_id=str(request_id) if request_id else response.headers.get("X-Request-Id"),
            details=details,
            parsed=_parsed_or_none(parse),
            content=response.content,
            headers=response.headers,
        )


def _envelope_fields(body: Any) -> tuple[str | None, str, Any]:
    if not isinstance(body, dict):
        return None, "", None
    error = body.get("error")
    if isinstance(error, dict):  # /v1, /v2 and /api/v1: {"error": {"code", "message", "details"}}
        code = error.get("code")
        return (str(code) if code else None), str(error.get("message") or ""), error.get("details")
    if isinstance(error, str):  # /oauth (RFC 6749 section 5.2): {"error", "error_description"}
        return error, str(body.get("error_description") or ""), None
    if "code" in body:  # RFC 9457 problem details, on `Accept: application/problem+json`
        return str(body["code"]), str(body.get("detail") or body.get("title") or ""), body.get("errors")
    return None, "", None


def _parsed_or_none(parse: Callable[[], Any] | None) -> Any:
    if parse is None:
        return None
    try:
        return parse()
    except Exception:  # a body that does not fit the model (HTML from a proxy, say)
        return None


def _phrase(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"


class UnexpectedStatus(Exception):
    """Raised by ``*_detailed`` functions when the response has an undocumented status and
    Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


__all__ = ["ApiError", "UnexpectedStatus"]
