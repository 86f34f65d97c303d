"""The floor for `make bench`'s health comparison: a connexion.AsyncApp with one spec-declared
operation, GET /v1/health/live, whose async handler returns a small JSON object. No database, no
middleware of our own. Served by `uvicorn bench.trivial_app:app` like Charter.
"""

from __future__ import annotations

import connexion

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "trivial", "version": "1.0.0"},
    "paths": {
        "/v1/health/live": {
            "get": {
                "operationId": "bench.trivial_app.live",
                "responses": {
                    "200": {
                        "description": "alive",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        }
    },
}


async def live():
    return {"status": "healthy", "version": "1.0.0", "api_status": "stable"}, 200


app = connexion.AsyncApp(__name__)
app.add_api(SPEC)
