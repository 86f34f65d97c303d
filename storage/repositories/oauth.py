"""OAuth repositories: signing keys, clients, grants, codes, token sessions, refresh tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import (
    OAuthClient,
    OAuthCode,
    OAuthGrant,
    OAuthRefreshToken,
    OAuthSession,
    OAuthSigningKey,
    Organization,
    Plan,
    User,
)
from storage.repositories.common import rowcount

# signing keys ----------------------------------------------------------------------------------


async def list_signing_keys(session: Session, *, retired_after: datetime) -> list[OAuthSigningKey]:
    """Keys that sign or still verify, newest first."""
    rows = await session.scalars(
        select(OAuthSigningKey)
        .where(
            (OAuthSigningKey.retired_at.is_(None)) | (OAuthSigningKey.retired_at > retired_after)
        )
        .order_by(OAuthSigningKey.created_at.desc(), OAuthSigningKey.kid.desc())
    )
    return list(rows.all())


async def retire_signing_keys(session: Session, *, now: datetime, keep: str) -> None:
    await session.execute(
        update(OAuthSigningKey)
        .where(OAuthSigningKey.retired_at.is_(None), OAuthSigningKey.kid != keep)
        .values(retired_at=now)
    )


# clients ---------------------------------------------------------------------------------------


async def list_clients(
    session: Session, *, organization_id: str, livemode: bool, limit: int, offset: int
) -> tuple[list[OAuthClient], int]:
    scope = (OAuthClient.organization_id == organization_id, OAuthClient.livemode == livemode)
    total = await session.scalar(select(func.count()).select_from(OAuthClient).where(*scope)) or 0
    rows = await session.scalars(
        select(OAuthClient)
        .where(*scope)
        .order_by(OAuthClient.created_at.desc(), OAuthClient.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows.all()), total


async def get_client(session: Session, client_id: str) -> OAuthClient | None:
    return await session.get(OAuthClient, client_id)


async def get_client_with_plan(
    session: Session, client_id: str
) -> tuple[OAuthClient, Organization, Plan | None] | None:
    row = (
        await session.execute(
            select(OAuthClient, Organization, Plan)
            .join(Organization, Organization.id == OAuthClient.organization_id)
            .outerjoin(Plan, Plan.name == Organization.plan)
            .where(OAuthClient.id == client_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1], row[2])


# grants ----------------------------------------------------------------------------------------


async def get_grant(
    session: Session, *, user_id: str, client_id: str, for_update: bool = False
) -> OAuthGrant | None:
    """A user's grant to a client; `for_update` locks it (PostgreSQL) so a revocation waits for
    an exchange that relies on it, and then sees what the exchange issued."""
    query = select(OAuthGrant).where(
        OAuthGrant.user_id == user_id, OAuthGrant.client_id == client_id
    )
    found: OAuthGrant | None = await session.scalar(
        query.with_for_update() if for_update else query
    )
    return found


async def list_grants(
    session: Session, *, user_id: str, limit: int, offset: int
) -> tuple[list[tuple[OAuthGrant, OAuthClient]], int]:
    total = (
        await session.scalar(
            select(func.count()).select_from(OAuthGrant).where(OAuthGrant.user_id == user_id)
        )
        or 0
    )
    rows = await session.execute(
        select(OAuthGrant, OAuthClient)
        .join(OAuthClient, OAuthClient.id == OAuthGrant.client_id)
        .where(OAuthGrant.user_id == user_id)
        .order_by(OAuthGrant.created_at.desc(), OAuthGrant.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(r[0], r[1]) for r in rows.all()], total


# codes -----------------------------------------------------------------------------------------


async def get_code_by_hash(session: Session, code_hash: bytes) -> OAuthCode | None:
    found: OAuthCode | None = await session.scalar(
        select(OAuthCode).where(OAuthCode.code_hash == code_hash)
    )
    return found


async def claim_code(session: Session, code_id: str, now: datetime) -> bool:
    """Mark a code used; False if another exchange used it first (single use, atomically)."""
    result = await session.execute(
        update(OAuthCode)
        .where(OAuthCode.id == code_id, OAuthCode.used_at.is_(None))
        .values(used_at=now)
    )
    return rowcount(result) == 1


async def lock_code(session: Session, code_id: str) -> OAuthCode | None:
    """The code as committed now, locked (after a claim lost to an exchange that overlapped:
    what was read before it is stale, its `session_id` unset)."""
    found: OAuthCode | None = await session.scalar(
        select(OAuthCode)
        .where(OAuthCode.id == code_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return found


async def delete_unused_codes(session: Session, *, user_id: str, client_id: str) -> int:
    """Drop a user's outstanding codes for a client (their grant was revoked)."""
    result = await session.execute(
        delete(OAuthCode).where(
            OAuthCode.user_id == user_id,
            OAuthCode.client_id == client_id,
            OAuthCode.used_at.is_(None),
        )
    )
    return rowcount(result)


# sessions and refresh tokens -------------------------------------------------------------------


async def get_session(session: Session, session_id: str) -> OAuthSession | None:
    return await session.get(OAuthSession, session_id)


async def get_session_for_token(
    session: Session, session_id: str
) -> tuple[OAuthSession, OAuthClient, Organization, Plan | None, User | None] | None:
    """A token session with its client, organization, plan and user, in one query."""
    row = (
        await session.execute(
            select(OAuthSession, OAuthClient, Organization, Plan, User)
            .join(OAuthClient, OAuthClient.id == OAuthSession.client_id)
            .join(Organization, Organization.id == OAuthSession.organization_id)
            .outerjoin(Plan, Plan.name == Organization.plan)
            .outerjoin(User, User.id == OAuthSession.user_id)
            .where(OAuthSession.id == session_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1], row[2], row[3], row[4])


async def revoke_sessions(
    session: Session, *, now: datetime, reason: str, user_id: str, client_id: str
) -> int:
    result = await session.execute(
        update(OAuthSession)
        .where(
            OAuthSession.user_id == user_id,
            OAuthSession.client_id == client_id,
            OAuthSession.revoked_at.is_(None),
        )
        .values(revoked_at=now, revoked_reason=reason)
    )
    return rowcount(result)


async def get_refresh_token_by_hash(
    session: Session, token_hash: bytes
) -> OAuthRefreshToken | None:
    found: OAuthRefreshToken | None = await session.scalar(
        select(OAuthRefreshToken).where(OAuthRefreshToken.token_hash == token_hash)
    )
    return found


async def claim_refresh_token(session: Session, token_id: str, now: datetime) -> bool:
    result = await session.execute(
        update(OAuthRefreshToken)
        .where(OAuthRefreshToken.id == token_id, OAuthRefreshToken.used_at.is_(None))
        .values(used_at=now)
    )
    return rowcount(result) == 1


# maintenance -----------------------------------------------------------------------------------


async def delete_ended(session: Session, before: datetime) -> int:
    """Token issuances (with their refresh tokens) and codes that ended before `before`."""
    from sqlalchemy import delete

    ended = select(OAuthSession.id).where(OAuthSession.expires_at < before)
    await session.execute(delete(OAuthRefreshToken).where(OAuthRefreshToken.session_id.in_(ended)))
    sessions = rowcount(
        await session.execute(delete(OAuthSession).where(OAuthSession.expires_at < before))
    )
    codes = rowcount(await session.execute(delete(OAuthCode).where(OAuthCode.expires_at < before)))
    return sessions + codes
