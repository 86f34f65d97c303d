"""Response helpers for handlers: JSON bodies, each surface's envelopes and list shapes."""

from __future__ import annotations

import json as _json
from datetime import UTC, datetime
from typing import Any

from starlette.responses import Response

from charter.http.context import request_id
from charter.http.rendering import item_error
from charter.platform.clock import isoformat, utcnow
from charter.platform.errors import CharterError, Malformed
from charter.platform.paging import Page


def json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response with an explicit content type.

    Error responses document both application/json and application/problem+json, so Connexion
    cannot infer the type of a success body on its own.
    """
    return Response(
        _json.dumps(body), status_code=status, headers=headers, media_type="application/json"
    )


def no_content() -> Response:
    return Response(status_code=204)


def v1_page(page: Page) -> Response:
    """Seed 002's list shape: {"data": [...], "total", "limit", "offset"}, plus `has_more`."""
    body = {"data": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    body["has_more"] = page.has_more
    return json(body)


def batch_results(
    results: list[tuple[int, dict[str, Any] | CharterError]], surface: str, created_status: int
) -> list[dict[str, Any]]:
    """Per-item results, each failed item's error rendered like a whole response's."""
    items = []
    for index, outcome in results:
        if isinstance(outcome, CharterError):
            items.append(
                {"index": index, "status": outcome.status, "error": item_error(outcome, surface)}
            )
        else:
            items.append({"index": index, "status": created_status, "data": outcome})
    return items


def parse_time(value: str | None, field: str) -> datetime | None:
    """An RFC 3339 time from a validated string (`Z`, `z` or an offset), or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        raise Malformed(f"{value!r} is not an RFC 3339 time", field=field) from None


def ingestion_envelope(data: Any, message: str, status: int = 200) -> Response:
    """Seed 003's success envelope: success, data, message, timestamp, request_id."""
    body = {
        "success": True,
        "data": data,
        "message": message,
        "timestamp": isoformat(utcnow()),
        "request_id": request_id(),
    }
    return json(body, status)
