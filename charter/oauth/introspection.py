"""Token introspection (RFC 7662): what a confidential client may learn about a token of its
organization and mode, and the same `{"active": false}` for anything else."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.oauth.issuance import find_issuance
from charter.oauth.issuer import Issuer
from charter.oauth.scopes import issuable
from charter.platform.clock import utcnow
from charter.platform.errors import InvalidClient
from storage.models import OAuthClient, User


async def introspect(
    session: AsyncSession, issuer: Issuer, client: OAuthClient, *, token: str, hint: str | None
) -> dict[str, Any]:
    """RFC 7662. Any confidential client sees every token of its own organization and mode,
    another client's included (a resource server is a client of its own, as in Keycloak and
    Hydra); anything else, and every revoked, expired, used or unknown token, is
    `{"active": false}`, the same answer. Public clients may not ask."""
    if client.client_type != "confidential":
        raise InvalidClient("Introspection needs a confidential client's credentials")
    found = await find_issuance(session, token, hint)
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
    scope = sorted(set(scope) & set(issuable(oauth_session, issued_to, user)))
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
