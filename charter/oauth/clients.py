"""OAuth client registration (`/v1/oauth/clients`): create, list, get, change, delete, and
secret rotation with an overlap.

A confidential client's secret is shown once and stored as an HMAC-SHA256 under a key derived
from the server secret (`crypto.keyed_hash`): secrets carry 256 random bits, so a keyed hash is
as safe as a password hash against a database leak and costs microseconds, not the argon2
verification a password needs; it is compared in constant time. Public clients have no secret
and must use PKCE.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit, outbox
from charter.identity.principals import Actor, forget_credentials
from charter.platform import crypto
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Invalid, NotFound, PermissionDenied
from charter.platform.paging import Page
from charter.platform.spec import scope_catalog
from storage.models import OAuthClient
from storage.repositories import oauth as repo
from storage.repositories.common import add

GRANT_TYPES = ("authorization_code", "client_credentials", "refresh_token")
# OpenID Connect scopes a client may ask for beside the platform's scope catalog.
OIDC_SCOPES = ("openid", "profile", "email", "offline_access")
SECRET_PURPOSE = "oauth-client-secret"  # noqa: S105 - an HMAC purpose label


def supported_scopes() -> list[str]:
    return sorted({*scope_catalog(), *OIDC_SCOPES})


def hash_client_secret(secret: str) -> str:
    return crypto.keyed_hash(secret, SECRET_PURPOSE)


def secret_matches(client: Any, secret: str) -> bool:
    """Does `secret` match the client's secret, or its previous one within the overlap?"""
    digest = hash_client_secret(secret)
    ok = bool(client.secret_hash) and hmac.compare_digest(digest, client.secret_hash)
    previous = client.previous_secret_hash
    if previous and client.previous_secret_until and client.previous_secret_until > utcnow():
        ok = hmac.compare_digest(digest, previous) or ok
    return ok


def to_dict(client: OAuthClient) -> dict[str, Any]:
    uris = list(client.redirect_uris or [])
    until = client.previous_secret_until
    overlap = until if client.previous_secret_hash and until and until > utcnow() else None
    return {
        "id": client.id,
        "client_id": client.id,
        "name": client.name,
        "client_type": client.client_type,
        "redirect_uris": uris,
        "redirect_uri": uris[0] if uris else None,
        "grant_types": list(client.grant_types or []),
        "scopes": list(client.scopes or []),
        "token_endpoint_auth_method": (
            "none" if client.client_type == "public" else "client_secret_basic"
        ),
        "secret_last4": client.secret_last4,
        "previous_secret_expires_at": isoformat(overlap),
        "mode": "live" if client.livemode else "test",
        "created_at": isoformat(client.created_at),
        "updated_at": isoformat(client.updated_at),
    }


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_redirect_uris(uris: list[str], field: str = "body.redirect_uris") -> list[str]:
    """Absolute https URLs without a fragment (http only for loopback, RFC 8252 7.3)."""
    for index, uri in enumerate(uris):
        where = f"{field}.{index}"
        try:
            parts = urlsplit(uri)
        except ValueError:
            raise Invalid("Not a URL", field=where) from None
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise Invalid("Must be an absolute http(s) URL", field=where)
        if parts.fragment or "#" in uri:
            raise Invalid("Must not have a fragment (RFC 6749 3.1.2)", field=where)
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            raise Invalid("Must use https (http only for loopback addresses)", field=where)
        if any(ord(c) < 33 or ord(c) > 126 for c in uri):
            raise Invalid("Must be ASCII without spaces", field=where)
    return list(dict.fromkeys(uris))


def _check_scopes(actor: Actor, scopes: list[str]) -> list[str]:
    allowed = set(supported_scopes())
    for index, scope in enumerate(scopes):
        if scope not in allowed:
            raise Invalid(f"Unknown scope {scope!r}", field=f"body.scopes.{index}")
    platform = tuple(s for s in scopes if s not in OIDC_SCOPES)
    p = actor.require()
    if not p.has_scopes(platform):
        missing = ", ".join(sorted(set(platform) - p.scopes))
        raise PermissionDenied(f"A client cannot be allowed scopes its creator lacks: {missing}")
    return sorted(set(scopes))


def _check_grants(client_type: str, grant_types: list[str], uris: list[str]) -> list[str]:
    grants = list(dict.fromkeys(grant_types))
    if client_type == "public" and "client_credentials" in grants:
        raise Invalid(
            "A public client has no secret: it cannot use client_credentials",
            field="body.grant_types",
        )
    if "authorization_code" in grants and not uris:
        raise Invalid(
            "authorization_code needs at least one redirect URI", field="body.redirect_uris"
        )
    return grants


async def _get_or_raise(session: AsyncSession, actor: Actor, client_id: str) -> OAuthClient:
    p = actor.require()
    client = await repo.get_client(session, client_id)
    if client is None or client.organization_id != p.organization_id:
        raise NotFound("OAuth client not found")
    if client.livemode != p.livemode:
        raise NotFound("OAuth client not found")
    return client


def _registered_uris(redirect_uris: list[str] | None, redirect_uri: str | None) -> list[str]:
    """The redirect URIs to register: seed 004's single `redirect_uri` first, then the list."""
    uris = list(redirect_uris or [])
    if redirect_uri is not None:
        check_redirect_uris([redirect_uri], field="body.redirect_uri")
        uris = [redirect_uri, *uris]
    return check_redirect_uris(uris)


def _default_grant_types(client_type: str, uris: list[str]) -> list[str]:
    """Grants for a client that named none: the code flow, or (a confidential client without
    redirect URIs) client_credentials."""
    if client_type == "confidential" and not uris:
        return ["client_credentials"]
    return ["authorization_code", "refresh_token"]


def _new_secret() -> str:
    return "cs_" + secrets.token_urlsafe(32)


async def create(
    session: AsyncSession,
    actor: Actor,
    *,
    name: str,
    client_type: str = "confidential",
    redirect_uris: list[str] | None = None,
    redirect_uri: str | None = None,
    grant_types: list[str] | None = None,
    scopes: list[str],
) -> tuple[dict[str, Any], str | None]:
    """Register a client: (client, secret). The secret (confidential clients) is shown once."""
    p = actor.require()
    uris = _registered_uris(redirect_uris, redirect_uri)
    if grant_types is None:
        grant_types = _default_grant_types(client_type, uris)
    grants = _check_grants(client_type, grant_types, uris)
    allowed = _check_scopes(actor, scopes)
    secret = _new_secret() if client_type == "confidential" else None
    now = utcnow()
    client = await add(
        session,
        OAuthClient(
            id=new_id("cli"),
            organization_id=p.organization_id,
            livemode=p.livemode,
            name=name,
            client_type=client_type,
            redirect_uris=uris,
            grant_types=grants,
            scopes=allowed,
            secret_hash=hash_client_secret(secret) if secret else None,
            secret_last4=secret[-4:] if secret else None,
            created_by=p.user_id,
            created_at=now,
            updated_at=now,
        ),
    )
    result = to_dict(client)
    await _announce_created(session, actor, client, result)
    return result, secret


async def _announce_created(
    session: AsyncSession, actor: Actor, client: OAuthClient, result: dict[str, Any]
) -> None:
    """Audit a registration and announce it (`oauth.client.created`) in the same unit."""
    await audit.record(
        session,
        actor,
        action="oauth.client.created",
        resource_type="oauth_client",
        resource_id=client.id,
        organization_id=client.organization_id,
        details={"name": client.name, "client_type": client.client_type, "scopes": client.scopes},
        livemode=client.livemode,
    )
    await outbox.enqueue(
        session,
        event_type="oauth.client.created",
        organization_id=client.organization_id,
        livemode=client.livemode,
        payload={k: result[k] for k in ("client_id", "name", "client_type", "scopes")},
    )


async def get_all(session: AsyncSession, actor: Actor, *, limit: int, offset: int) -> Page:
    p = actor.require()
    rows, total = await repo.list_clients(
        session, organization_id=p.organization_id, livemode=p.livemode, limit=limit, offset=offset
    )
    return Page([to_dict(c) for c in rows], total, limit, offset)


async def get(session: AsyncSession, actor: Actor, client_id: str) -> dict[str, Any]:
    return to_dict(await _get_or_raise(session, actor, client_id))


async def update(
    session: AsyncSession, actor: Actor, client_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    client = await _get_or_raise(session, actor, client_id)
    uris = list(client.redirect_uris or [])
    if "redirect_uris" in changes:
        uris = check_redirect_uris(changes["redirect_uris"])
    grants = changes.get("grant_types", list(client.grant_types or []))
    client.grant_types = _check_grants(client.client_type, grants, uris)
    client.redirect_uris = uris
    if "scopes" in changes:
        client.scopes = _check_scopes(actor, changes["scopes"])
    if "name" in changes:
        client.name = changes["name"]
    client.updated_at = utcnow()
    await audit.record(
        session,
        actor,
        action="oauth.client.updated",
        resource_type="oauth_client",
        resource_id=client.id,
        organization_id=client.organization_id,
        details={"fields": sorted(changes)},
        livemode=client.livemode,
    )
    forget_credentials(session)  # a narrowed client narrows its tokens within a second
    return to_dict(client)


async def delete(session: AsyncSession, actor: Actor, client_id: str) -> None:
    """Delete a client; its grants, codes and tokens go with it (they stop working at once)."""
    client = await _get_or_raise(session, actor, client_id)
    await audit.record(
        session,
        actor,
        action="oauth.client.deleted",
        resource_type="oauth_client",
        resource_id=client.id,
        organization_id=client.organization_id,
        livemode=client.livemode,
    )
    await session.delete(client)
    forget_credentials(session)


async def rotate_secret(
    session: AsyncSession, actor: Actor, client_id: str, *, overlap_seconds: int = 0
) -> tuple[dict[str, Any], str]:
    """A new secret; the old one keeps working for `overlap_seconds`."""
    client = await _get_or_raise(session, actor, client_id)
    if client.client_type != "confidential":
        raise Invalid("A public client has no secret to rotate", field="client_id")
    now = utcnow()
    secret = _new_secret()
    if overlap_seconds > 0:
        client.previous_secret_hash = client.secret_hash
        client.previous_secret_until = now + timedelta(seconds=overlap_seconds)
    else:
        client.previous_secret_hash, client.previous_secret_until = None, None
    client.secret_hash = hash_client_secret(secret)
    client.secret_last4 = secret[-4:]
    client.updated_at = now
    await audit.record(
        session,
        actor,
        action="oauth.client.secret_rotated",
        resource_type="oauth_client",
        resource_id=client.id,
        organization_id=client.organization_id,
        details={"overlap_seconds": overlap_seconds},
        livemode=client.livemode,
    )
    return to_dict(client), secret
