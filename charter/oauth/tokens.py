"""The token endpoint's grants, revocation (RFC 7009), introspection (RFC 7662) and the OAuth
access token as a credential on every surface.

Access tokens are RFC 9068 JWTs signed RS256 with the newest key of `charter.oauth.keys`
(`typ: at+jwt`). Each names its issuance (`sid`): a row of `oauth_sessions` that revocation,
a revoked grant, a deleted client or refresh-token reuse marks revoked, so a token stops working
on every process within the credential cache's second. Refresh tokens rotate: each use issues a
child, and a used token presented again revokes its whole issuance (reuse detection).
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast
from urllib.parse import unquote_plus, urlsplit

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import Actor, Principal, forget_credentials
from charter.identity.roles import scopes_for_roles
from charter.identity.roles import within as within_held
from charter.oauth import clients, keys
from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.errors import (
    InvalidClient,
    InvalidGrant,
    InvalidScope,
    InvalidTarget,
    OAuthError,
    RateLimited,
    UnauthorizedClient,
)
from storage.models import OAuthClient, OAuthRefreshToken, OAuthSession, User
from storage.repositories import oauth as repo
from storage.repositories.common import add

ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105 - RFC 9068 section 2.1, a media type
REFRESH_PREFIX = "ort_"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Issuer:
    """Where this server is: the `iss` of its tokens and the default `aud` (the API's base URL)."""

    issuer: str
    audience: str


def issuer_at(base_url: str) -> Issuer:
    """The issuer `<base_url>/oauth`, `base_url` being CHARTER_PUBLIC_URL or, in development,
    the request's origin. In production that origin must not come from the Host header: tokens'
    `iss` and `aud`, the metadata's endpoints and redirects would name the caller's domain, so
    without CHARTER_PUBLIC_URL every use of the issuer answers 503."""
    runtime.current().settings.require_public_url("The OAuth issuer")
    return Issuer(issuer=base_url + "/oauth", audience=base_url)


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


# -- client authentication (RFC 6749 2.3.1) ----------------------------------------------------


def _basic(authorization: str) -> tuple[str, str]:
    scheme, _, value = authorization.partition(" ")
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        raise _invalid_client("Malformed Basic credentials", basic=True) from None
    client_id, sep, secret = decoded.partition(":")
    client_id, secret = unquote_plus(client_id), unquote_plus(secret)
    # A control character is in no client_id or secret (and a NUL cannot be looked up).
    if not sep or _CONTROL.search(client_id) or _CONTROL.search(secret):
        raise _invalid_client("Malformed Basic credentials", basic=True)
    return client_id, secret


def _invalid_client(message: str, *, basic: bool) -> InvalidClient:
    # RFC 6749 5.2: a client that tried Basic gets a Basic challenge; one that authenticated in
    # the form (or not at all, or with a scheme this server has none of) gets none.
    headers = {"WWW-Authenticate": 'Basic realm="charter"'} if basic else {}
    return InvalidClient(message, headers=headers)


def is_basic(authorization: str | None) -> bool:
    return bool(authorization) and authorization.split(" ", 1)[0].lower() == "basic"  # type: ignore[union-attr]


async def authenticate_client(
    session: AsyncSession,
    *,
    authorization: str | None,
    client_id: str | None,
    client_secret: str | None,
) -> OAuthClient:
    """The calling client: client_secret_basic, client_secret_post, or a public client's id."""
    basic = is_basic(authorization)
    if basic:
        if client_secret is not None:
            raise OAuthError("Use one client authentication method, not Basic and a form secret")
        basic_id, secret = _basic(cast(str, authorization))
        if client_id is not None and client_id != basic_id:
            raise OAuthError("client_id does not match the Basic credentials")
        client_id, client_secret = basic_id, secret
    if not client_id:
        raise _invalid_client("Client authentication is required", basic=basic)
    client = await repo.get_client(session, client_id)
    if client is None:
        if client_secret:
            clients.hash_client_secret(client_secret)  # the same work as a known client
        raise _invalid_client("Unknown client or wrong secret", basic=basic)
    if client.client_type == "public":
        if client_secret:
            raise _invalid_client("A public client has no secret", basic=basic)
        return client
    if not client_secret or not clients.secret_matches(client, client_secret):
        raise _invalid_client("Unknown client or wrong secret", basic=basic)
    return client


# -- scopes and audience ------------------------------------------------------------------------


def requested_scopes(client: OAuthClient, scope: str | None) -> list[str]:
    """The scopes asked for (the client's whole allowance when `scope` is absent)."""
    allowed = list(client.scopes or [])
    if scope is None or not scope.strip():
        return sorted(allowed)
    asked = scope.split()
    beyond = sorted(set(asked) - set(allowed))
    if beyond:
        raise InvalidScope(f"Scope beyond this client's allowance: {' '.join(beyond)}")
    return sorted(set(asked))


def held(scopes: Iterable[str], roles: Iterable[str] | None) -> list[str]:
    """The part of `scopes` a user with `roles` holds (OpenID scopes are not the API's and
    pass): what is granted, put in tokens and reported, never more than the user may do."""
    asked = frozenset(scopes)
    oidc = asked & frozenset(clients.OIDC_SCOPES)
    return sorted(within_held(asked - oidc, scopes_for_roles(roles)) | oidc)


def audience(issuer: Issuer, resource: str | None) -> str:
    """RFC 8707: a `resource` must be this API (its base URL or a URL under it)."""
    if resource is None:
        return issuer.audience
    parts = urlsplit(resource)
    base = issuer.audience.rstrip("/")
    if (
        parts.fragment
        or _CONTROL.search(resource)
        or not parts.scheme
        or not (resource == base or resource.startswith(base + "/"))
    ):
        raise InvalidTarget(f"Unknown resource; tokens are issued for {base}")
    return resource


# -- issuing ------------------------------------------------------------------------------------


async def _access_token(
    issuer: Issuer, oauth_session: OAuthSession, scopes: list[str], user: User | None
) -> str:
    kid, private = await keys.signing_key()
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer.issuer,
        "sub": user.id if user is not None else oauth_session.client_id,
        "aud": oauth_session.audience,
        "client_id": oauth_session.client_id,
        "scope": " ".join(scopes),
        "sid": oauth_session.id,
        "jti": new_id("jti"),
        "org": oauth_session.organization_id,
        "iat": now,
        "exp": now + runtime.current().settings.oauth_access_token_seconds,
    }
    headers = {"kid": kid, "typ": ACCESS_TOKEN_TYPE}
    return jwt.encode(claims, private, algorithm=keys.ALGORITHM, headers=headers)


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
        "access_token": await _access_token(issuer, oauth_session, scopes, user),
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


def _issuable(oauth_session: OAuthSession, client: OAuthClient, user: User | None) -> list[str]:
    """An issuance's scopes, within its client's allowance and what its user holds now."""
    scopes = set(oauth_session.scopes or []) & set(client.scopes or [])
    return held(scopes, user.roles) if user is not None else sorted(scopes)


def _refreshed_scopes(
    oauth_session: OAuthSession, client: OAuthClient, user: User | None, scope: str | None
) -> list[str] | OAuthError:
    """RFC 6749 6: the issuable scopes, or the narrower `scope` asked for within them."""
    scopes = _issuable(oauth_session, client, user)
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


# -- verification, introspection, revocation ----------------------------------------------------


async def verify_access_token(token: str) -> tuple[dict[str, Any] | None, str]:
    """The claims of a valid access token, picking the key by `kid` from Charter's own set only
    (and only RS256: a token cannot choose its algorithm), or (None, reason). Only a JWT typed
    `at+jwt` (RFC 9068 2.1: so an ID token, signed with the same keys, is never a Bearer
    credential) and issued here (`iss`) is one."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return None, "Invalid access token"
    if str(header.get("typ", "")).lower() not in (ACCESS_TOKEN_TYPE, "application/at+jwt"):
        return None, "Invalid access token"
    kid = header.get("kid")
    key = await keys.public_key(kid) if isinstance(kid, str) and len(kid) <= 40 else None
    if key is None:
        return None, "Invalid access token"
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[keys.ALGORITHM],
            options={
                "require": ["exp", "iat", "iss", "sub", "sid", "client_id", "aud"],
                "verify_aud": False,  # checked against the issuance's row by the caller
            },
            leeway=5,
        )
    except jwt.ExpiredSignatureError:
        return None, "Access token has expired"
    except jwt.InvalidTokenError:
        return None, "Invalid access token"
    if not _issued_here(claims):
        return None, "Invalid access token"
    return claims, ""


def _issued_here(claims: dict[str, Any]) -> bool:
    """`iss` is this server's issuer: `<base>/oauth` for the base its `aud` names (the API's
    base URL or a URL under it, checked against the issuance's row by the caller), and that
    base is CHARTER_PUBLIC_URL when set."""
    iss, aud = claims.get("iss"), claims.get("aud")
    if not isinstance(iss, str) or not isinstance(aud, str) or not iss.endswith("/oauth"):
        return False
    base = iss.removesuffix("/oauth")
    public_url = runtime.current().settings.public_url
    if public_url and base != public_url:
        return False
    return aud == base or aud.startswith(base + "/")


def is_access_token(token: str) -> bool:
    """Does this bearer token say it is an OAuth access token (RFC 9068 `typ`)? Only a hint
    for routing the lookup: the key and algorithm still come from Charter's own set."""
    try:
        return jwt.get_unverified_header(token).get("typ") == ACCESS_TOKEN_TYPE
    except jwt.InvalidTokenError:
        return False


def effective_scopes(
    claims: dict[str, Any], oauth_session: OAuthSession, client: OAuthClient, user: User | None
) -> frozenset[str]:
    """What the token may do now: its scope, within its issuance, its client's allowance as it
    is now, and (for a user's token) what the user holds now."""
    scopes = frozenset(str(claims.get("scope", "")).split())
    scopes &= frozenset(oauth_session.scopes or []) & frozenset(client.scopes or [])
    return frozenset(held(scopes, user.roles)) if user is not None else scopes


async def load_principal(token: str) -> tuple[Principal | None, str]:
    """An OAuth access token as a Principal (the credential kind `oauth`)."""
    claims, reason = await verify_access_token(token)
    if claims is None:
        return None, reason
    async with runtime.current().db.read() as session:
        found = await repo.get_session_for_token(session, str(claims["sid"]))
    if found is None:
        return None, "Access token has been revoked"
    oauth_session, client, organization, plan, user = found
    if oauth_session.revoked_at is not None or oauth_session.expires_at <= utcnow():
        return None, "Access token has been revoked"
    if claims["aud"] != oauth_session.audience or claims["client_id"] != client.id:
        return None, "Invalid access token"
    if oauth_session.user_id is not None and (
        user is None or user.status != "active" or user.livemode != oauth_session.livemode
    ):
        return None, "Access token has been revoked"
    return Principal(
        kind="oauth",
        id=client.id,
        organization_id=oauth_session.organization_id,
        user_id=oauth_session.user_id,
        scopes=effective_scopes(claims, oauth_session, client, user),
        livemode=oauth_session.livemode,
        is_superuser=False,
        plan=organization.plan,
        requests_per_minute=plan.requests_per_minute if plan else None,
        requests_per_day=plan.requests_per_day if plan else None,
        requests_per_hour=plan.requests_per_hour if plan else None,
        burst=plan.burst if plan else None,
        session_id=oauth_session.id,
    ), ""


async def _find(
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


async def revoke(
    session: AsyncSession, actor: Actor, client: OAuthClient, *, token: str, hint: str | None
) -> None:
    """RFC 7009: revoke the issuance the token belongs to (its access and refresh tokens).
    Unknown, expired or another client's tokens change nothing and answer the same 200."""
    found = await _find(session, token, hint)
    if found is None or found[0].client_id != client.id or found[0].revoked_at is not None:
        return
    oauth_session = found[0]
    oauth_session.revoked_at, oauth_session.revoked_reason = utcnow(), "revoked"
    await audit.record(
        session,
        actor,
        action="oauth.token.revoked",
        resource_type="oauth_session",
        resource_id=oauth_session.id,
        organization_id=oauth_session.organization_id,
        details={"client_id": client.id, "token_type_hint": hint},
        livemode=oauth_session.livemode,
    )
    forget_credentials(session)


async def introspect(
    session: AsyncSession, issuer: Issuer, client: OAuthClient, *, token: str, hint: str | None
) -> dict[str, Any]:
    """RFC 7662. Any confidential client sees every token of its own organization and mode,
    another client's included (a resource server is a client of its own, as in Keycloak and
    Hydra); anything else, and every revoked, expired, used or unknown token, is
    `{"active": false}`, the same answer. Public clients may not ask."""
    if client.client_type != "confidential":
        raise InvalidClient("Introspection needs a confidential client's credentials")
    found = await _find(session, token, hint)
    inactive = {"active": False}
    if found is None:
        return inactive
    oauth_session, kind, claims = found
    now = utcnow()
    if (
        oauth_session.organization_id != client.organization_id
        or oauth_session.livemode != client.livemode
        or oauth_session.revoked_at is not None
        or oauth_session.expires_at <= now
        or (kind == "refresh_token" and claims is not None and claims.get("ort_used"))
    ):
        return inactive
    user = await session.get(User, oauth_session.user_id) if oauth_session.user_id else None
    if oauth_session.user_id is not None and (
        user is None or user.status != "active" or user.livemode != oauth_session.livemode
    ):
        return inactive
    issued_to = await session.get(OAuthClient, oauth_session.client_id)
    if issued_to is None:
        return inactive
    assert claims is not None
    scope = str(claims.get("scope", " ".join(oauth_session.scopes or []))).split()
    scope = sorted(set(scope) & set(_issuable(oauth_session, issued_to, user)))
    body: dict[str, Any] = {
        "active": True,
        "client_id": oauth_session.client_id,
        "token_type": "Bearer" if kind == "access_token" else "refresh_token",
        "scope": " ".join(scope),
        "exp": claims["exp"],
        "iss": issuer.issuer,
        "aud": oauth_session.audience,
        "sub": user.id if user is not None else oauth_session.client_id,
    }
    if kind == "access_token":
        body.update(iat=claims["iat"], jti=claims.get("jti"))
    if user is not None:
        body["username"] = user.username
    return body


def reencrypt_child_tokens() -> int:
    """Re-encrypt the kept children of used refresh tokens under the newest encryption key
    (`charter rotate-pii`); returns the number of rows rewritten."""
    from sqlalchemy import select

    with runtime.current().db.sync_transaction() as session:
        rows = session.scalars(
            select(OAuthRefreshToken).where(OAuthRefreshToken.child_token_enc.is_not(None))
        ).all()
        for row in rows:
            row.child_token_enc = crypto.rotate(row.child_token_enc)
    return len(rows)
