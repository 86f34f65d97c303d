"""The baseline for `make bench`: plain Flask doing the same work as Charter's
GET /v1/organizations/{id} - the same API key lookup (by SHA-256, cached for the same second)
and the same organization read through the same storage layer - with no Connexion, no spec
validation and no cross-cutting middleware. Served by the same server with the same thread pool.
"""

from __future__ import annotations

import json
import os
import time

from a2wsgi import WSGIMiddleware
from flask import Flask, Response, request

from charter import runtime
from charter.security import hash_secret
from charter.settings import get_settings
from storage import repositories as repo

rt = runtime.init(get_settings())
flask_app = Flask(__name__)
_cache: dict[bytes, tuple[float, str | None]] = {}


def _organization_of(key: str) -> str | None:
    digest = hash_secret(key)
    hit = _cache.get(digest)
    if hit and hit[0] > time.monotonic():
        return hit[1]
    with rt.db.transaction() as session:
        row = repo.get_api_key_by_hash(session, digest)
        org_id = row.organization_id if row is not None and row.revoked_at is None else None
    _cache[digest] = (time.monotonic() + rt.settings.key_cache_seconds, org_id)
    return org_id


@flask_app.get("/v1/organizations/<organization_id>")
def get_organization(organization_id: str):
    owner = _organization_of(request.headers.get("X-API-Key", ""))
    if owner is None:
        return Response('{"error": "unauthenticated"}', status=401, mimetype="application/json")
    with rt.db.transaction() as session:
        org = repo.get_organization(session, organization_id)
        if org is None or org.id != owner:
            return Response('{"error": "not found"}', status=404, mimetype="application/json")
        body = {"data": {"id": org.id, "name": org.name, "plan": org.plan}}
    return Response(json.dumps(body), mimetype="application/json")


app = WSGIMiddleware(flask_app, workers=int(os.environ.get("CHARTER_THREADS", "40")))
