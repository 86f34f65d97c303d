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


def no_content() -> Response:
    return Response(status=204)
