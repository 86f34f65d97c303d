"""Issuances (rows of `oauth_sessions`) and their tokens: the token endpoint's client_credentials
and refresh_token grants, its per-client rate class, and the issuance a presented token names.

Refresh tokens rotate: each use issues a child, and a used token presented again revokes its
whole issuance (reuse detection), except within the retry grace window.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import Actor, forget_credentials
from charter.oauth.access_tokens import sign_access_token, verify_access_token
from charter.oauth.issuer import Issuer, audience
from charter.oauth.scopes import issuable, requested_scopes
from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.errors import (
    InvalidGrant,
    InvalidScope,
    OAuthError,
    RateLimited,
    UnauthorizedClient,
)
from storage.models import OAuthClient, OAuthRefreshToken, OAuthSession, User
from storage.repositories import oauth as repo
from storage.repositories.common import add

REFRESH_PREFIX = "ort_"


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def new_refresh_token(
    session: AsyncSession, oauth_session: OAuthSession, parent: OAuthRefreshToken | None
) -> str:
    secret = REFRESH_PREFIX + secrets.token_urlsafe(32)
    row = await add(
        session,
        OAuthRefreshToken(
            id=new_id("ort"),
            session_id=oauth_session.id,
            token_hash=hash_token(secret),
            parent_id=parent.id if parent is not None else None,
            created_at=utcnow(),
            expires_at=oauth_session.expires_at,
        ),
    )
    if parent is not None:
        parent.child_id, parent.child_token_enc = row.id, crypto.encrypt(secret)
    return secret


async def open_session(
    session: AsyncSession,
    *,
    client: OAuthClient,
    user: User | None,
    grant_type: str,
    scopes: list[str],
    aud: str,
    lifetime: timedelta,
) -> OAuthSession:
    now = utcnow()
    row = await add(
        session,
        OAuthSession(
            id=new_id("ots"),
            organization_id=client.organization_id,
            livemode=client.livemode,
            client_id=client.id,
            user_id=user.id if user is not None else None,
            grant_type=grant_type,
            scopes=scopes,
            audience=aud,
            created_at=now,
            expires_at=now + lifetime,
            revoked_at=None,
        ),
    )
    await session.flush()  # before its refresh tokens, which reference it
    return row


async def token_response(
    issuer: Issuer,
    oauth_session: OAuthSession,
    scopes: list[str],
    user: User | None,
    refresh: str | None,
) -> dict[str, Any]:
    """RFC 6749 5.1."""
    body: dict[str, Any] = {
        "access_token": await sign_access_token(issuer, oauth_session, scopes, user),
        "token_type": "Bearer",
        "expires_in": runtime.current().settings.oauth_access_token_seconds,
        "scope": " ".join(scopes),
    }
    if refresh is not None:
        body["refresh_token"] = refresh
    return body


async def count_request(client: OAuthClient, client_ip: str | None) -> None:
    """The token endpoint's own rate class (429 `slow_down`): per confidential client once its
    secret is checked; per public client and caller IP, since a public client_id is no secret
    and a stranger must not spend every user's allowance of that application."""
    per_ip = (client_ip or "-") if client.client_type == "public" else None
    verdict = await runtime.current().limiter.check_oauth_client(client.id, per_ip)
    if verdict is not None and not verdict.allowed:
        message = (
            f"Token requests of this client{' from this address' if per_ip else ''} exceed "
            f"{verdict.limit} per {verdict.window} s; "
            f"try again in {verdict.retry_after} seconds"
        )
        raise RateLimited(message, headers={"Retry-After": str(verdict.retry_after)})


def check_grant_type(client: OAuthClient, grant_type: str) -> None:
    if grant_type not in (client.grant_types or []):
        raise UnauthorizedClient(f"This client may not use the {grant_type} grant")


async def client_credentials(
    session: AsyncSession,
    issuer: Issuer,
    client: OAuthClient,
    *,
    scope: str | None,
    resource: str | None,
) -> dict[str, Any]:
    """Seed 004's server-to-server grant: a token for the client's organization, no refresh."""
    if client.client_type != "confidential":
        raise UnauthorizedClient("A public client cannot use client_credentials")
    check_grant_type(client, "client_credentials")
    scopes = requested_scopes(client, scope)
    settings = runtime.current().settings
    oauth_session = await open_session(
        session,
        client=client,
        user=None,
        grant_type="client_credentials",
        scopes=scopes,
        aud=audience(issuer, resource),
        lifetime=timedelta(seconds=settings.oauth_access_token_seconds),
    )
    return await token_response(issuer, oauth_session, scopes, None, None)


async def refresh(
    session: AsyncSession,
    actor: Actor,
    issuer: Issuer,
    client: OAuthClient,
    *,
    refresh_token: str,
    scope: str | None,
) -> dict[str, Any] | OAuthError:
    """Rotate a refresh token: a new pair, or the error to raise once the unit has committed
    (a reused token revokes its issuance, and that must be kept)."""
    check_grant_type(client, "refresh_token")
    now = utcnow()
    row = await repo.get_refresh_token_by_hash(session, hash_token(refresh_token))
    oauth_session = await repo.get_session(session, row.session_id) if row else None
    if row is None or oauth_session is None or oauth_session.client_id != client.id:
        return InvalidGrant("Unknown refresh token")
    if oauth_session.revoked_at is not None or row.expires_at <= now:
        return InvalidGrant("Refresh token expired or revoked")
    user = await session.get(User, oauth_session.user_id) if oauth_session.user_id else None
    if user is not None and user.status != "active":
        return InvalidGrant("The user who authorized this grant is not active")
    if user is not None and user.livemode != oauth_session.livemode:
        return InvalidGrant("The user who authorized this grant is not of its mode")
    if not await repo.claim_refresh_token(session, row.id, now):
        retried = await _retried(session, issuer, client, oauth_session, row, user, now, scope)
        if retried is not None:
            return retried
        oauth_session.revoked_at, oauth_session.revoked_reason = now, "refresh_token_reuse"
        await audit.record(
            session,
            actor,
            action="oauth.refresh_reuse_detected",
            resource_type="oauth_session",
            resource_id=oauth_session.id,
            organization_id=oauth_session.organization_id,
            details={"client_id": client.id},
            livemode=oauth_session.livemode,
        )
        forget_credentials(session)
        return InvalidGrant("Refresh token was already used; the grant is revoked")
    scopes = _refreshed_scopes(oauth_session, client, user, scope)
    if isinstance(scopes, OAuthError):
        return scopes
    child = await new_refresh_token(session, oauth_session, row)
    return await token_response(issuer, oauth_session, scopes, user, child)


def _refreshed_scopes(
    oauth_session: OAuthSession, client: OAuthClient, user: User | None, scope: str | None
) -> list[str] | OAuthError:
    """RFC 6749 6: the issuable scopes, or the narrower `scope` asked for within them."""
    scopes = issuable(oauth_session, client, user)
    if scope is None or not scope.strip():
        return scopes
    narrower = scope.split()
    if not set(narrower) <= set(scopes):
        return InvalidScope("A refresh cannot widen the scope of the grant")
    return sorted(set(narrower))


async def _retried(
    session: AsyncSession,
    issuer: Issuer,
    client: OAuthClient,
    oauth_session: OAuthSession,
    row: OAuthRefreshToken,
    user: User | None,
    now: datetime,
    scope: str | None,
) -> dict[str, Any] | OAuthError | None:
    """A client that retried a refresh whose answer it lost gets the same child, if unused,
    within the grace window (`CHARTER_REFRESH_REUSE_GRACE_SECONDS`, as `/v2/auth/refresh`),
    with the scopes the retried request asks for, as the first answer had."""
    await session.refresh(row)
    grace = timedelta(seconds=runtime.current().settings.refresh_reuse_grace_seconds)
    if row.used_at is None or now - row.used_at > grace or not row.child_token_enc:
        return None
    child = await session.get(OAuthRefreshToken, row.child_id) if row.child_id else None
    if child is None or child.used_at is not None:
        return None
    scopes = _refreshed_scopes(oauth_session, client, user, scope)
    if isinstance(scopes, OAuthError):
        return scopes
    return await token_response(
        issuer, oauth_session, scopes, user, crypto.decrypt(row.child_token_enc)
    )


async def find_issuance(
    session: AsyncSession, token: str, hint: str | None
) -> tuple[OAuthSession, str, dict[str, Any] | None] | None:
    """The issuance a token belongs to: (session, "access_token" | "refresh_token", claims)."""
    order = ["refresh_token", "access_token"]
    if hint == "access_token":
        order.reverse()
    for kind in order:
        if kind == "refresh_token" and token.startswith(REFRESH_PREFIX):
            row = await repo.get_refresh_token_by_hash(session, hash_token(token))
            if row is not None:
                found = await repo.get_session(session, row.session_id)
                if found is not None and row.expires_at > utcnow():
                    claims: dict[str, Any] | None = {
                        "exp": int(row.expires_at.timestamp()),
                        "ort_used": row.used_at,
                    }
                    return found, kind, claims
        if kind == "access_token" and not token.startswith(REFRESH_PREFIX):
            claims, _ = await verify_access_token(token)
            if claims is not None:
                found = await repo.get_session(session, str(claims["sid"]))
                if found is not None:
                    return found, kind, claims
    return None
