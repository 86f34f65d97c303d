"""A user's consents (grants): the applications they authorized, remembered per client and
scopes so the next authorization asking for no more is not asked again, and revoked by the user
(their tokens for that client stop working at once)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit, outbox
from charter.identity.principals import Actor, forget_credentials
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import NotFound, PermissionDenied
from charter.platform.paging import Page
from storage.models import OAuthClient, OAuthGrant, User
from storage.repositories import oauth as repo
from storage.repositories.common import add


def _user_id(actor: Actor) -> str:
    """The caller's own user: only their session token or personal key speaks for them here
    (an OAuth access token or an organization's key acting for a user may not see or revoke
    the user's grants)."""
    p = actor.require()
    own = p.kind == "user" or (p.kind == "api_key" and p.personal)
    if p.user_id is None or not own:
        raise PermissionDenied(
            "Grants belong to a user: call with their session token or personal key"
        )
    return p.user_id


def to_dict(grant: OAuthGrant, client: OAuthClient) -> dict[str, Any]:
    return {
        "client_id": client.id,
        "client_name": client.name,
        "scopes": list(grant.scopes or []),
        "created_at": isoformat(grant.created_at),
        "updated_at": isoformat(grant.updated_at),
    }


async def get_all(session: AsyncSession, actor: Actor, *, limit: int, offset: int) -> Page:
    rows, total = await repo.list_grants(
        session, user_id=_user_id(actor), limit=limit, offset=offset
    )
    return Page([to_dict(g, c) for g, c in rows], total, limit, offset)


def covers(grant: OAuthGrant | None, scopes: list[str]) -> bool:
    """Did the user already consent to every one of `scopes` for this client?"""
    return grant is not None and set(scopes) <= set(grant.scopes or [])


async def remember(
    session: AsyncSession, actor: Actor, user: User, client: OAuthClient, scopes: list[str]
) -> None:
    """Record consent to `scopes` (added to what was granted before)."""
    now = utcnow()
    grant = await repo.get_grant(session, user_id=user.id, client_id=client.id)
    if grant is None:
        grant = await add(
            session,
            OAuthGrant(
                id=new_id("grt"),
                organization_id=user.organization_id,
                user_id=user.id,
                client_id=client.id,
                scopes=sorted(set(scopes)),
                created_at=now,
                updated_at=now,
            ),
        )
    elif not covers(grant, scopes):
        grant.scopes = sorted({*grant.scopes, *scopes})
        grant.updated_at = now
    else:
        return
    await audit.record(
        session,
        actor,
        action="oauth.grant.created",
        resource_type="oauth_grant",
        resource_id=client.id,
        organization_id=user.organization_id,
        details={"client_id": client.id, "scopes": list(grant.scopes)},
        livemode=user.livemode,
    )
    await outbox.enqueue(
        session,
        event_type="oauth.grant.created",
        organization_id=user.organization_id,
        livemode=user.livemode,
        payload={"client_id": client.id, "user_id": user.id, "scopes": list(grant.scopes)},
    )


async def revoke(session: AsyncSession, actor: Actor, client_id: str) -> None:
    user_id = _user_id(actor)
    grant = await repo.get_grant(session, user_id=user_id, client_id=client_id, for_update=True)
    if grant is None:
        raise NotFound("You have not authorized this application")
    client = await repo.get_client(session, client_id)
    await session.delete(grant)
    await repo.revoke_sessions(
        session, now=utcnow(), reason="grant_revoked", user_id=user_id, client_id=client_id
    )
    # A code issued before the revocation must not exchange afterwards.
    await repo.delete_unused_codes(session, user_id=user_id, client_id=client_id)
    livemode = client.livemode if client is not None else True
    await audit.record(
        session,
        actor,
        action="oauth.grant.revoked",
        resource_type="oauth_grant",
        resource_id=client_id,
        organization_id=grant.organization_id,
        details={"client_id": client_id},
        livemode=livemode,
    )
    await outbox.enqueue(
        session,
        event_type="oauth.grant.revoked",
        organization_id=grant.organization_id,
        livemode=livemode,
        payload={"client_id": client_id, "user_id": user_id},
    )
    forget_credentials(session)
