"""docs/ERRORS.md: every error code of every surface, written from `CODES` and the renderer.

Statuses and example envelopes are not written by hand: each domain error class is rendered
through `charter.http.rendering.render`, the one renderer the API uses, so the page says what the
server sends. `make generate` runs this; `python -m charter.tools.errors_doc` runs it alone, and
tests/tools/test_errors_doc.py fails when the committed page is stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from charter.http.rendering import CODES, render
from charter.platform import errors
from charter.platform.errors import CharterError, FieldError
from charter.platform.spec import SURFACES

ROOT = Path(__file__).resolve().parents[2]
ERRORS_MD = ROOT / "docs" / "ERRORS.md"

# What each error class means for the caller; a class missing here is described by its message.
MEANINGS: dict[str, str] = {
    "Malformed": "The request breaks the spec: a missing, malformed or unknown field, named in "
    "the details.",
    "Invalid": "Well formed, but breaks a rule (a password too weak, say); the details name the "
    "field.",
    "Unauthenticated": "No credentials, or an unknown, expired or revoked API key or token.",
    "InvalidCredentials": "Wrong username, password or one-time code at login.",
    "AccountLocked": "Too many failed logins: the account is locked for a while.",
    "MfaRequired": "The account has MFA: send the login again with `mfa_code`.",
    "PermissionDenied": "The credentials lack a scope or role the operation needs, or the client "
    "IP is outside the key's ranges.",
    "NotFound": "No such resource in the caller's organization (another organization's ids are "
    "not found either), or no such endpoint.",
    "MethodNotAllowed": "The path exists, but not with this method (`Allow` lists them).",
    "Conflict": "The change conflicts with the current state (a duplicate name, say).",
    "IdempotencyInFlight": "A request with the same `Idempotency-Key` is still running.",
    "IdempotencyMismatch": "The `Idempotency-Key` was used before with a different request.",
    "PayloadTooLarge": "The body is larger than `CHARTER_MAX_BODY_BYTES`.",
    "UriTooLong": "The URL is longer than `CHARTER_MAX_URL_BYTES`.",
    "HeadersTooLarge": "The headers are larger than `CHARTER_MAX_HEADER_BYTES`.",
    "UnsupportedMediaType": "The body's `Content-Type` is not one the operation accepts.",
    "NotAcceptable": "The `Accept` header allows nothing the operation can answer with.",
    "RateLimited": "Over a rate limit (plan, IP, login or export): wait `Retry-After` seconds.",
    "CharterError": "An unexpected server error; nothing internal is revealed. Quote the request "
    "id.",
    "Unavailable": "A dependency (the database, say) is unavailable: retry after `Retry-After`.",
    "Timeout": "The operation ran past its `x-timeout`; its changes were rolled back.",
    "RequestTimeout": "The client did not send its whole body in time; the connection is closed.",
}

TITLES = {
    "v1": "Platform API v1",
    "v2": "Enterprise API 2.3",
    "ingestion": "Ingestion API",
    "oauth": "OAuth 2.0",
}
EXAMPLE_REQUEST_ID = "req_0123456789abcdef"
EXAMPLE_TIMESTAMP = "2025-01-01T00:00:00Z"


def _error_classes() -> list[type[CharterError]]:
    found: list[type[CharterError]] = [CharterError]
    for cls in found:
        found += [sub for sub in cls.__subclasses__() if sub not in found]
    return [cls for cls in found if cls.__module__ == errors.__name__]


def _rendered(error: CharterError, surface: str, accept: str | None = None) -> tuple[int, Any]:
    out = render(
        error, surface=surface, request_id=EXAMPLE_REQUEST_ID, path="/example", accept=accept
    )
    body = json.loads(out.body)
    if "timestamp" in body:
        body["timestamp"] = EXAMPLE_TIMESTAMP
    return out.status, body


def _example_error() -> CharterError:
    """What `GET /v1/users?limit=500` is answered (tests/tools/test_errors_doc.py checks it)."""
    return errors.Malformed(
        "Request failed validation: query.limit: 500 is more than the maximum 100",
        errors=[FieldError("query.limit", "500 is more than the maximum 100")],
    )


def _codes_table(surface: str) -> str:
    """One row per error class the surface renders, grouped by code in `CODES` order."""
    order = list(dict.fromkeys(CODES[surface].values()))
    rows: list[tuple[int, int, int, str]] = []
    for position, cls in enumerate(_error_classes()):
        if cls.kind in CODES[surface]:
            status, _ = _rendered(cls(), surface)
            meaning = MEANINGS.get(cls.__name__, cls.default_message)
            rows.append((order.index(CODES[surface][cls.kind]), status, position, meaning))
    lines = ["| code | HTTP status | meaning |", "|---|---|---|"]
    for index, status, _, meaning in sorted(rows):
        lines.append(f"| `{order[index]}` | {status} | {meaning} |")
    return "\n".join(lines)


def _json_block(body: Any) -> str:
    return "```json\n" + json.dumps(body, indent=2) + "\n```"


def _surface_section(surface: str) -> str:
    status, body = _rendered(_example_error(), surface)
    return f"""\
## `{SURFACES[surface]}`: {TITLES.get(surface, surface)}

{_codes_table(surface)}

A {status} answer, for example:

{_json_block(body)}
"""


def errors_markdown() -> str:
    _, problem = _rendered(_example_error(), "v1", accept="application/problem+json")
    sections = "\n".join(_surface_section(surface) for surface in SURFACES)
    return f"""\
# Error codes

Generated by `make generate` from `CODES` in `charter/http/rendering.py` (statuses and examples
come from rendering each error through the API's own renderer). Do not edit: change the table and
run `make generate`; `tests/tools/test_errors_doc.py` fails when this page is stale.

Each surface keeps its seed's envelope and vocabulary, so one problem has a code per surface.
Every error answer carries the `X-Request-Id` header; 401 answers carry `WWW-Authenticate`, 429
answers `Retry-After` (and 503 answers, when a retry can help). The Python SDKs raise `ApiError`
with the code, message and request id; the TypeScript client's `unwrap` throws the same
(`README.md`, "SDKs").

With `Accept: application/problem+json`, every surface answers RFC 9457 problem details instead,
with the surface's `code` and the `request_id` as extra members:

{_json_block(problem)}

{sections}"""


def write(path: Path = ERRORS_MD) -> None:
    path.write_text(errors_markdown())


if __name__ == "__main__":
    write()
