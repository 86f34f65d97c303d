"""OAuth access tokens (RFC 9068 JWTs, `typ: at+jwt`): signing, verifying, and the Principal a
valid one stands for on every surface (the credential kind `oauth`).

Each names its issuance (`sid`): a row of `oauth_sessions` that revocation, a revoked grant, a
deleted client or refresh-token reuse marks revoked, so a token stops working on every process
within the credential cache's second.
"""

from __future__ import annotations

import time
from typing import Any

import jwt

from charter.identity.principals import Principal
from charter.oauth import keys
from charter.oauth.issuer import Issuer
from charter.oauth.scopes import effective_scopes
from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from storage.models import OAuthSession, User
from storage.repositories import oauth as repo

ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105 - RFC 9068 section 2.1, a media type


async def sign_access_token(
    issuer: Issuer, oauth_session: OAuthSession, scopes: list[str], user: User | None
) -> str:
    """An access token of this issuance, signed RS256 with the newest key of charter.oauth.keys."""
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
