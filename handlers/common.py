"""Response helpers shared by every surface's handlers."""

from __future__ import annotations

import json as _json
from typing import Any

from flask import Response


def json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response with an explicit content type.

    Error responses document both application/json and application/problem+json, so Connexion
    cannot infer the type of a success body on its own.
    """
    return Response(_json.dumps(body), status=status, headers=headers, mimetype="application/json")


def parse_time(value: str | None, field: str):
    """An RFC 3339 time from a validated string (`Z`, `z` or an offset), or None."""
    if not value:
        return None
    from datetime import UTC, datetime

    from charter.errors import Malformed

    try:
        parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise Malformed(f"{value!r} is not an RFC 3339 time", field=field) from None


def ingestion_envelope(data: Any, message: str, status: int = 200) -> Response:
    """Seed 003's success envelope: success, data, message, timestamp, request_id."""
    from charter.clock import isoformat, utcnow
    from charter.context import request_id

    body = {
        "success": True,
        "data": data,
        "message": message,
        "timestamp": isoformat(utcnow()),
        "request_id": request_id(),
    }
    return json(body, status)


def no_content() -> Response:
    return Response(status=204)
