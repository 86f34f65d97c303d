"""Token revocation (RFC 7009): a client ends the issuance a token of its own belongs to."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import Actor, forget_credentials
from charter.oauth.issuance import find_issuance
from charter.platform.clock import utcnow
from storage.models import OAuthClient


async def revoke(
    session: AsyncSession, actor: Actor, client: OAuthClient, *, token: str, hint: str | None
) -> None:
    """RFC 7009: revoke the issuance the token belongs to (its access and refresh tokens).
    Unknown, expired or another client's tokens change nothing and answer the same 200."""
    found = await find_issuance(session, token, hint)
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
