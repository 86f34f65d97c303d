"""The spec of a surface exactly as the running server serves it at `<base>/openapi.json`."""

from __future__ import annotations

from charter.platform.spec import SURFACES


def served_spec(surface: str) -> dict:
    from charter.http.app import create_app

    app = create_app(migrate=False)
    with app.test_client() as client:
        response = client.get(f"{SURFACES[surface]}/openapi.json")
        response.raise_for_status()
        return response.json()
