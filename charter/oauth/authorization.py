"""The authorization code flow with PKCE (RFC 6749 4.1, RFC 7636), OpenID Connect ID tokens and
UserInfo, and the token endpoint's dispatch over grant types.

The authorization request itself is checked in `charter.oauth.authorize`. A code is single
use and lives `CODE_SECONDS`; presenting it again revokes the tokens it was exchanged for.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from datetime import datetime, timedelta
from typing import Any

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import Actor, forget_credentials
from charter.oauth import grants, issuance, keys
from charter.oauth.authorize import PKCE, AuthorizationRequest, for_user, with_query
from charter.oauth.issuer import Issuer, audience
from charter.oauth.scopes import held
from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.errors import (
    CharterError,
    InvalidGrant,
    InvalidToken,
    OAuthError,
    PermissionDenied,
    UnsupportedGrantType,
)
from storage.models import OAuthClient, OAuthCode, User
from storage.repositories import oauth as repo
from storage.repositories.common import add

CODE_SECONDS = 60
CODE_PREFIX = "oac_"


async def issue_code(
    session: AsyncSession,
    actor: Actor,
    issuer: Issuer,
    request: AuthorizationRequest,
    user: User,
    *,
    amr: list[str],
    auth_time: datetime,
) -> str:
    """Remember the consent, issue a code, and return the redirect that carries it."""
    if user.organization_id != request.client.organization_id:
        # A client acts within its own organization: its users are the ones who may authorize.
        raise PermissionDenied("This application belongs to another organization")
    if user.livemode != request.client.livemode:
        # Nor across modes: a test-mode user must never hold a live-mode token (or the reverse).
        raise PermissionDenied(_mode_mismatch(request.client))
    request = for_user(request, user.roles)
    await grants.remember(session, actor, user, request.client, request.scopes)
    code = CODE_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    await add(
        session,
        OAuthCode(
            id=new_id("cod"),
            code_hash=issuance.hash_token(code),
            client_id=request.client.id,
            user_id=user.id,
            redirect_uri=request.redirect_uri,
            redirect_uri_sent=request.redirect_uri_sent,
            scopes=request.scopes,
            code_challenge=request.code_challenge,
            nonce=request.nonce,
            resource=request.resource,
            auth_time=auth_time,
            amr=amr,
            created_at=now,
            expires_at=now + timedelta(seconds=CODE_SECONDS),
            used_at=None,
        ),
    )
    return with_query(request.redirect_uri, {"code": code}, request.state, issuer.issuer)


def _mode_mismatch(client: OAuthClient) -> str:
    mode = "live" if client.livemode else "test"
    return f"This application is in {mode} mode; only a {mode}-mode user may authorize it"


def _pkce_matches(challenge: str, verifier: str | None) -> bool:
    if verifier is None or not PKCE.fullmatch(verifier):
        return False
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return hmac.compare_digest(computed, challenge)


async def exchange_code(
    session: AsyncSession,
    actor: Actor,
    issuer: Issuer,
    client: OAuthClient,
    *,
    code: str | None,
    redirect_uri: str | None,
    code_verifier: str | None,
) -> dict[str, Any] | CharterError:
    """Exchange a code for tokens, or the error to raise once the unit has committed (a replay
    revokes what the code issued, and that must be kept)."""
    issuance.check_grant_type(client, "authorization_code")
    if not code:
        return OAuthError("code is required", field="body.code")
    now = utcnow()
    row = await repo.get_code_by_hash(session, issuance.hash_token(code))
    if row is None or row.client_id != client.id:
        return InvalidGrant("Unknown authorization code")
    if row.used_at is not None:
        return await _replayed(session, actor, row)
    if not await repo.claim_code(session, row.id, now):
        # Another exchange claimed it since it was read: read it again as that one left it.
        return await _replayed(session, actor, await repo.lock_code(session, row.id) or row)
    refused = _refused(row, now, redirect_uri, code_verifier)
    if refused is not None:
        return refused
    user = await session.get(User, row.user_id)
    if user is None or user.status != "active":
        return InvalidGrant("The user who authorized this code is not active")
    if user.livemode != client.livemode:
        return InvalidGrant(_mode_mismatch(client))
    # The user may have revoked the grant since the code was issued: then it is void. Locked, so
    # a revocation racing this exchange waits for it and revokes what it issued.
    grant = await repo.get_grant(session, user_id=row.user_id, client_id=client.id, for_update=True)
    if not grants.covers(grant, list(row.scopes or [])):
        return InvalidGrant("The user revoked this application's access")
    return await _issue_for_code(session, issuer, client, user, row)


async def _issue_for_code(
    session: AsyncSession, issuer: Issuer, client: OAuthClient, user: User, row: OAuthCode
) -> dict[str, Any]:
    """The tokens a valid code is exchanged for: an access token, a refresh token when the
    client may refresh, and an ID token when `openid` was granted."""
    settings = runtime.current().settings
    with_refresh = "refresh_token" in (client.grant_types or [])
    lifetime = (
        timedelta(days=settings.oauth_refresh_token_days)
        if with_refresh
        else timedelta(seconds=settings.oauth_access_token_seconds)
    )
    scopes = held(row.scopes or [], user.roles)
    oauth_session = await issuance.open_session(
        session,
        client=client,
        user=user,
        grant_type="authorization_code",
        scopes=scopes,
        aud=audience(issuer, row.resource),
        lifetime=lifetime,
    )
    row.session_id = oauth_session.id
    refresh = (
        await issuance.new_refresh_token(session, oauth_session, None) if with_refresh else None
    )
    body = await issuance.token_response(issuer, oauth_session, scopes, user, refresh)
    if "openid" in scopes:
        body["id_token"] = await id_token(issuer, client, user, row)
    return body


def _refused(
    row: OAuthCode, now: datetime, redirect_uri: str | None, code_verifier: str | None
) -> CharterError | None:
    """RFC 6749 4.1.3 and RFC 7636 4.6: the checks of a claimed code against its request."""
    if row.expires_at <= now:
        return InvalidGrant("The authorization code has expired")
    if redirect_uri is None and row.redirect_uri_sent:
        return InvalidGrant("redirect_uri is required: the authorization request included it")
    if redirect_uri is not None and redirect_uri != row.redirect_uri:
        return InvalidGrant("redirect_uri differs from the authorization request's")
    if row.code_challenge is not None:
        if not _pkce_matches(row.code_challenge, code_verifier):
            return InvalidGrant("The PKCE code_verifier is missing or does not match")
    elif code_verifier is not None:
        return InvalidGrant("code_verifier sent for a request without code_challenge")
    return None


async def _replayed(session: AsyncSession, actor: Actor, row: OAuthCode) -> CharterError:
    """RFC 6749 4.1.2: a code used twice revokes the tokens issued for it."""
    oauth_session = await repo.get_session(session, row.session_id) if row.session_id else None
    if oauth_session is not None and oauth_session.revoked_at is None:
        oauth_session.revoked_at, oauth_session.revoked_reason = utcnow(), "code_replay"
        await audit.record(
            session,
            actor,
            action="oauth.code_replay_detected",
            resource_type="oauth_session",
            resource_id=oauth_session.id,
            organization_id=oauth_session.organization_id,
            details={"client_id": row.client_id},
            livemode=oauth_session.livemode,
        )
        forget_credentials(session)
    return InvalidGrant("The authorization code was already used; its tokens are revoked")


async def id_token(issuer: Issuer, client: OAuthClient, user: User, row: OAuthCode) -> str:
    """OpenID Connect Core 2: signed RS256 for the client (`aud`), with the request's nonce."""
    kid, private = await keys.signing_key()
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer.issuer,
        "sub": user.id,
        "aud": client.id,
        "azp": client.id,
        "iat": now,
        "exp": now + runtime.current().settings.oauth_access_token_seconds,
        "auth_time": int(row.auth_time.timestamp()),
        "amr": list(row.amr or ["pwd"]),
    }
    if row.nonce is not None:
        claims["nonce"] = row.nonce
    scopes = set(row.scopes or [])
    claims.update(_profile_claims(user, scopes))
    return jwt.encode(claims, private, algorithm=keys.ALGORITHM, headers={"kid": kid})


def _profile_claims(user: User, scopes: set[str]) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    if "profile" in scopes:
        claims.update(preferred_username=user.username, name=user.username)
    if "email" in scopes:
        claims.update(email=crypto.decrypt(user.email_enc), email_verified=False)
    return claims


async def userinfo(session: AsyncSession, actor: Actor) -> dict[str, Any]:
    """OpenID Connect Core 5.3: the claims of the user an access token with `openid` acts for."""
    p = actor.require()
    if p.kind != "oauth" or p.user_id is None:
        raise InvalidToken("UserInfo needs a user's OAuth access token")
    if "openid" not in p.scopes:
        raise InvalidToken("This access token lacks the openid scope")
    user = await session.get(User, p.user_id)
    if user is None:
        raise InvalidToken()
    return {"sub": user.id, **_profile_claims(user, set(p.scopes))}


async def token(
    session: AsyncSession, actor: Actor, issuer: Issuer, client: OAuthClient, body: dict[str, Any]
) -> dict[str, Any] | CharterError:
    """The token endpoint's grants (RFC 6749 4.1.3, 4.4, 6)."""
    grant_type = body["grant_type"]
    if grant_type == "authorization_code":
        return await exchange_code(
            session,
            actor,
            issuer,
            client,
            code=body.get("code"),
            redirect_uri=body.get("redirect_uri"),
            code_verifier=body.get("code_verifier"),
        )
    if grant_type == "client_credentials":
        return await issuance.client_credentials(
            session, issuer, client, scope=body.get("scope"), resource=body.get("resource")
        )
    if grant_type == "refresh_token":
        if not body.get("refresh_token"):
            return OAuthError("refresh_token is required", field="body.refresh_token")
        return await issuance.refresh(
            session,
            actor,
            issuer,
            client,
            refresh_token=body["refresh_token"],
            scope=body.get("scope"),
        )
    raise UnsupportedGrantType(f"Unsupported grant_type {grant_type!r}")
