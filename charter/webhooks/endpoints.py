"""The endpoint registry: register, list, read, change, delete, re-enable and rotate secrets.

One registry for every surface (`/v2/webhooks` now; `/api/v1/webhooks` and `/v1/webhooks` call
the same services). Endpoints belong to the caller's organization and mode; another
organization's id is 404. A URL is checked by the outbound guard at registration (loopback,
private and metadata addresses refused unless CHARTER_ALLOW_PRIVATE_OUTBOUND) and again at every
delivery; a name that does not resolve yet is accepted. The secret is stored encrypted and shown
once, when it is made (a `whsec_` secret is generated when none is given) or rotated.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import Actor, Principal
from charter.platform import crypto, outbound, runtime
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, Invalid, Malformed, NotFound, PermissionDenied
from charter.platform.paging import Page
from charter.webhooks import catalog, signing
from storage.models import WebhookEndpoint
from storage.repositories import webhooks as repo
from storage.repositories.common import add

MAX_URL = 2048
MAX_COLLECTIONS = 100
DEFAULT_OVERLAP = 24 * 3600
MAX_OVERLAP = 7 * 24 * 3600


def to_dict(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "events": list(endpoint.events),
        "collections": list(endpoint.collections),
        "status": endpoint.status,
        "disabled_reason": endpoint.disabled_reason,
        "disabled_at": isoformat(endpoint.disabled_at),
        "previous_secret_expires_at": isoformat(_overlap_end(endpoint, utcnow())),
        "livemode": endpoint.livemode,
        "created_at": isoformat(endpoint.created_at),
        "updated_at": isoformat(endpoint.updated_at),
    }


def _overlap_end(endpoint: WebhookEndpoint, now: datetime) -> datetime | None:
    until = endpoint.previous_secret_until
    return until if endpoint.previous_secret_enc and until is not None and until > now else None


def live_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The secrets a delivery is signed with, newest first."""
    current = [crypto.decrypt(endpoint.secret_enc)]
    previous = endpoint.previous_secret_enc
    if previous is not None and _overlap_end(endpoint, now) is not None:
        return [*current, crypto.decrypt(previous)]
    return current


# Registration waits this long for a name lookup: a resolver that hangs (or lookups queued behind
# the worker's in the executor) answered a fuzzed POST /api/v1/webhooks after 10 s in CI.
LOOKUP_SECONDS = 2.0


async def check_url(url: str, field: str = "body.url") -> str:
    if len(url) > MAX_URL or any(c.isspace() or not c.isprintable() for c in url):
        # Within the spec's maxLength but not a URL: a rule, 422 (400 on /v2 by seed 000).
        raise Invalid(f"A URL of at most {MAX_URL} printable characters", field=field)
    try:
        async with asyncio.timeout(LOOKUP_SECONDS):
            await outbound.resolve_checked(url, field=field)
    except (outbound.Unresolvable, TimeoutError):
        pass  # a name that does not resolve (in time) is checked again at every delivery
    return url


def check_events(events: list[str], field: str = "body.events") -> list[str]:
    for index, name in enumerate(events):
        if name not in catalog.EVENTS:
            raise Malformed(f"Unknown event {name!r}", field=f"{field}.{index}")
    if not events:
        raise Malformed("Subscribe to at least one event", field=field)
    return list(dict.fromkeys(events))


def check_readable(principal: Principal, events: list[str], field: str = "body.events") -> None:
    """403 unless the caller holds the scope that reads each event (`catalog.EventType.scope`):
    a key with `webhooks:write` but not `read:data` cannot have records sent to it."""
    for index, name in enumerate(events):
        scope = catalog.EVENTS[name].scope
        if not principal.has_scopes((scope,)):
            raise PermissionDenied(
                f"Subscribing to {name!r} ({field}.{index}) needs the scope {scope}"
            )


def check_collections(collections: list[str], field: str = "body.collections") -> list[str]:
    if len(collections) > MAX_COLLECTIONS:
        raise Malformed(f"At most {MAX_COLLECTIONS} collections", field=field)
    return list(dict.fromkeys(collections))


async def create(
    session: AsyncSession,
    actor: Actor,
    fields: dict[str, Any],
    *,
    min_secret_length: int = signing.MIN_SECRET_LENGTH,
) -> tuple[dict[str, Any], str]:
    """Register an endpoint; (the endpoint, its secret: shown this once). A surface whose seed
    shows a shorter secret in its own example (seed 003's `webhook-secret`) lowers
    `min_secret_length` for it."""
    principal = actor.require()
    url = await check_url(fields["url"])
    events = check_events(fields["events"])
    check_readable(principal, events)
    collections = check_collections(fields.get("collections") or [])
    secret = fields.get("secret")
    if secret is not None:
        secret = signing.check_secret(secret, min_length=min_secret_length)
    else:
        secret = signing.generate_secret()
    now = utcnow()
    endpoint = await add(
        session,
        WebhookEndpoint(
            id=new_id("wh"),
            organization_id=principal.organization_id,
            livemode=principal.livemode,
            url=url,
            events=events,
            collections=collections,
            secret_enc=crypto.encrypt(secret),
            previous_secret_enc=None,
            previous_secret_until=None,
            status="enabled",
            disabled_reason=None,
            disabled_at=None,
            failing_since=None,
            created_at=now,
            updated_at=now,
        ),
    )
    await _audit(session, actor, endpoint, "webhook.created", {"url": url, "events": events})
    return to_dict(endpoint), secret


async def list_endpoints(
    session: AsyncSession, actor: Actor, *, limit: int = 20, offset: int = 0
) -> Page:
    principal = actor.require()
    rows, total = await repo.list_endpoints(
        session,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        limit=limit,
        offset=offset,
    )
    return Page([to_dict(row) for row in rows], total, limit, offset)


async def get_or_raise(session: AsyncSession, actor: Actor, endpoint_id: str) -> WebhookEndpoint:
    principal = actor.require()
    endpoint = await repo.get_endpoint(session, endpoint_id)
    if (
        endpoint is None
        or endpoint.organization_id != principal.organization_id
        or endpoint.livemode != principal.livemode
    ):
        raise NotFound("Webhook not found")
    return endpoint


async def get(session: AsyncSession, actor: Actor, endpoint_id: str) -> dict[str, Any]:
    return to_dict(await get_or_raise(session, actor, endpoint_id))


async def update(
    session: AsyncSession, actor: Actor, endpoint_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Change url, events, collections or status (`disabled` stops deliveries, `enabled`
    resumes them, like POST .../enable)."""
    # The name lookup comes before the first statement: on SQLite the transaction holds the one
    # write lock from its first statement on, and a slow resolver would hold every writer too.
    url = await check_url(changes["url"]) if "url" in changes else None
    endpoint = await get_or_raise(session, actor, endpoint_id)
    if url is not None:
        endpoint.url = url
    if "events" in changes:
        events = check_events(changes["events"])
        check_readable(actor.require(), events)
        endpoint.events = events
    if "collections" in changes:
        endpoint.collections = check_collections(changes["collections"] or [])
    now = utcnow()
    if changes.get("status") == "disabled" and endpoint.status == "enabled":
        _disable(endpoint, "manual", now)
    elif changes.get("status") == "enabled" and endpoint.status == "disabled":
        await _enable(session, endpoint, now)
    endpoint.updated_at = now
    await _audit(session, actor, endpoint, "webhook.updated", {"fields": sorted(changes)})
    return to_dict(endpoint)


async def delete(session: AsyncSession, actor: Actor, endpoint_id: str) -> None:
    """Delete the endpoint with its deliveries and their log."""
    endpoint = await get_or_raise(session, actor, endpoint_id)
    await _audit(session, actor, endpoint, "webhook.deleted", {"url": endpoint.url})
    await repo.delete_endpoint(session, endpoint.id)


async def enable(session: AsyncSession, actor: Actor, endpoint_id: str) -> dict[str, Any]:
    """Re-enable a disabled endpoint: its failure streak starts over and its pending deliveries
    are due at once."""
    endpoint = await get_or_raise(session, actor, endpoint_id)
    if endpoint.status == "enabled":
        return to_dict(endpoint)
    now = utcnow()
    await _enable(session, endpoint, now)
    endpoint.updated_at = now
    await _audit(session, actor, endpoint, "webhook.enabled", {})
    return to_dict(endpoint)


async def rotate_secret(
    session: AsyncSession,
    actor: Actor,
    endpoint_id: str,
    *,
    secret: str | None = None,
    overlap_seconds: int = DEFAULT_OVERLAP,
) -> tuple[dict[str, Any], str]:
    """A new secret (given or generated); the current one keeps signing `webhook-signature`
    beside it for `overlap_seconds` (0: at once replaced). Returns (endpoint, new secret)."""
    endpoint = await get_or_raise(session, actor, endpoint_id)
    if not 0 <= overlap_seconds <= MAX_OVERLAP:
        raise Malformed(f"From 0 to {MAX_OVERLAP} seconds", field="body.overlap_seconds")
    new = signing.check_secret(secret) if secret is not None else signing.generate_secret()
    if crypto.constant_time_equal(new, crypto.decrypt(endpoint.secret_enc)):
        raise Conflict("The new secret is the current one")
    now = utcnow()
    endpoint.previous_secret_enc = endpoint.secret_enc if overlap_seconds else None
    endpoint.previous_secret_until = now + timedelta(seconds=overlap_seconds)
    endpoint.secret_enc = crypto.encrypt(new)
    endpoint.updated_at = now
    details = {"overlap_seconds": overlap_seconds}
    await _audit(session, actor, endpoint, "webhook.secret_rotated", details)
    return to_dict(endpoint), new


def _disable(endpoint: WebhookEndpoint, reason: str, now: datetime) -> None:
    endpoint.status = "disabled"
    endpoint.disabled_reason = reason
    endpoint.disabled_at = now


async def _enable(session: AsyncSession, endpoint: WebhookEndpoint, now: datetime) -> None:
    endpoint.status = "enabled"
    endpoint.disabled_reason = None
    endpoint.disabled_at = None
    endpoint.failing_since = None
    window = timedelta(seconds=sum(runtime.current().settings.webhook_retry_delays))
    await repo.resume_deliveries(session, endpoint.id, now, created_after=now - window)


async def _audit(
    session: AsyncSession,
    actor: Actor,
    endpoint: WebhookEndpoint,
    action: str,
    details: dict[str, Any],
) -> None:
    """Registry changes go to the audit trail (never the secret); they are not webhook events."""
    await audit.record(
        session,
        actor,
        action=action,
        resource_type="webhook",
        resource_id=endpoint.id,
        organization_id=endpoint.organization_id,
        details=details,
        livemode=endpoint.livemode,
    )
