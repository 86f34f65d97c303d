"""The plain baseline for `make bench`: the three benchmarked operations with the same storage
layer as Charter (storage.db.Database, storage.models, the same queries and rows as
storage.repositories) on a bare Starlette app, with none of Charter's framework: no Connexion,
no spec validation, no middleware pipeline (request ids, limits, rate limits, idempotency,
deadlines, access log), no error rendering.

- GET /v1/organizations/{id}: the API key found by SHA-256 (cached in-process for
  CHARTER_KEY_CACHE_SECONDS, as Charter does), then the organization by primary key.
- POST /v1/organizations: superuser keys only; the plan checked, the organization inserted with
  its audit row and outbox event, in one unit of work (the same rows Charter writes, through the
  same `add`: on PostgreSQL one statement, storage/writes.py).
- GET /v1/keys?limit=&offset=: the caller's organization's keys, newest first, with the total.

Served by `uvicorn bench.baseline_app:app`, configured by the same CHARTER_* variables.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from datetime import UTC, datetime

from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from storage.db import Database
from storage.models import ApiKey, AuditEvent, Organization, OutboxEvent, Plan
from storage.repositories.common import add, read_row


def _sqlalchemy_url(url: str) -> str:
    return (
        "postgresql+psycopg://" + url[len("postgresql://") :]
        if url.startswith("postgresql://")
        else url
    )


db = Database(
    _sqlalchemy_url(os.environ["CHARTER_DATABASE_URL"]),
    pool_size=int(os.environ.get("CHARTER_DB_POOL_SIZE", "20")),
)
CACHE_SECONDS = float(os.environ.get("CHARTER_KEY_CACHE_SECONDS", "1.0"))
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_cache: dict[bytes, tuple[float, ApiKey | None]] = {}


def new_id(prefix: str) -> str:
    number = int.from_bytes(secrets.token_bytes(16), "big")
    chars = []
    for _ in range(16):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return f"{prefix}_" + "".join(chars)


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def reply(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status, media_type="application/json")


async def caller(request: Request) -> ApiKey | None:
    digest = hashlib.sha256(request.headers.get("x-api-key", "").encode()).digest()
    hit = _cache.get(digest)
    if hit is not None and hit[0] > time.monotonic():
        return hit[1]
    async with db.read() as session:
        key = await session.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
    if key is not None and key.revoked_at is not None:
        key = None
    _cache[digest] = (time.monotonic() + CACHE_SECONDS, key)
    return key


def organization_dict(org: Organization) -> dict:
    return {
        "id": org.id,
        "name": org.name,
        "plan": org.plan,
        "created_at": iso(org.created_at),
        "updated_at": iso(org.updated_at),
    }


def key_dict(key: ApiKey) -> dict:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": "sk_live_" if key.livemode else "sk_test_",
        "last4": key.last4,
        "mode": "live" if key.livemode else "test",
        "scopes": list(key.scopes or []),
        "ip_ranges": list(key.ip_ranges or []),
        "expires_at": iso(key.expires_at),
        "revoked_at": iso(key.revoked_at),
        "last_used_at": iso(key.last_used_at),
        "created_at": iso(key.created_at),
    }


UNAUTHENTICATED = {"error": {"code": "UNAUTHENTICATED", "message": "Missing or invalid key"}}
NOT_FOUND = {"error": {"code": "NOT_FOUND", "message": "Organization not found"}}


async def get_organization(request: Request) -> Response:
    key = await caller(request)
    if key is None:
        return reply(UNAUTHENTICATED, 401)
    organization_id = request.path_params["organization_id"]
    if not (key.is_superuser or key.organization_id == organization_id):
        return reply(NOT_FOUND, 404)
    async with db.read() as session:
        org = await session.get(Organization, organization_id)
        if org is None:
            return reply(NOT_FOUND, 404)
        return reply({"data": organization_dict(org)})


async def create_organization(request: Request) -> Response:
    key = await caller(request)
    if key is None:
        return reply(UNAUTHENTICATED, 401)
    if not key.is_superuser:
        return reply({"error": {"code": "FORBIDDEN", "message": "Superusers only"}}, 403)
    body = await request.json()
    name, plan = body["name"].strip(), body.get("plan", "free")
    now = datetime.now(UTC)
    async with db.transaction() as session:
        if await read_row(session, Plan, name=plan) is None:
            return reply({"error": {"code": "VALIDATION_ERROR", "message": "Unknown plan"}}, 400)
        org = Organization(id=new_id("org"), name=name, plan=plan, created_at=now, updated_at=now)
        await add(session, org)
        await add(
            session,
            AuditEvent(
                id=new_id("aud"),
                organization_id=org.id,
                livemode=True,
                actor_type="api_key",
                actor_id=key.id,
                action="organization.created",
                resource_type="organization",
                resource_id=org.id,
                ip=request.client.host if request.client else None,
                request_id=None,
                details={"name": name, "plan": plan},
                created_at=now,
            ),
        )
        await add(
            session,
            OutboxEvent(
                event_id=new_id("evt"),
                organization_id=org.id,
                livemode=True,
                event_type="organization.created",
                payload={"organization": organization_dict(org)},
                created_at=now,
                published_at=None,
            ),
        )
        result = organization_dict(org)
    return Response(
        json.dumps({"data": result}),
        201,
        media_type="application/json",
        headers={"Location": f"/v1/organizations/{org.id}"},
    )


async def list_keys(request: Request) -> Response:
    key = await caller(request)
    if key is None:
        return reply(UNAUTHENTICATED, 401)
    limit = int(request.query_params.get("limit", "20"))
    offset = int(request.query_params.get("offset", "0"))
    conditions = [ApiKey.organization_id == key.organization_id]
    if not key.livemode:
        conditions.append(ApiKey.livemode.is_(False))
    async with db.read() as session:
        total = await session.scalar(select(func.count()).select_from(ApiKey).where(*conditions))
        rows = (
            await session.scalars(
                select(ApiKey)
                .where(*conditions)
                .order_by(ApiKey.created_at.desc(), ApiKey.id.desc())
                .limit(limit)
                .offset(offset)
            )
        ).all()
        items = [key_dict(row) for row in rows]
    return reply({"data": items, "total": total or 0, "limit": limit, "offset": offset})


app = Starlette(
    routes=[
        Route("/v1/organizations/{organization_id}", get_organization, methods=["GET"]),
        Route("/v1/organizations", create_organization, methods=["POST"]),
        Route("/v1/keys", list_keys, methods=["GET"]),
    ]
)
