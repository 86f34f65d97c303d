"""Identity repositories: organizations, plans, users, login sessions, refresh tokens, second
factors, API keys. They take a session and keyword arguments and return rows; no rules live here.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import (
    ApiKey,
    LoginSession,
    OneTimeCode,
    Organization,
    Plan,
    RecoveryCode,
    RefreshToken,
    User,
)
from storage.repositories.common import like_ascii, ordering, page_rows, read_row, rowcount


async def get_organization(session: Session, organization_id: str) -> Organization | None:
    return await session.get(Organization, organization_id)


async def read_organization(session: Session, organization_id: str) -> Any:
    """The organization as a read-only row (see `read_row`), for answering a GET."""
    return await read_row(session, Organization, id=organization_id)


async def list_organizations(
    session: Session,
    *,
    only_id: str | None,
    limit: int,
    offset: int,
    sort: str = "created_at",
    order: str = "desc",
) -> tuple[list[Any], int]:
    """A page of organizations as read-only rows, and the total, in one statement (built once
    per sort and order)."""
    statement = _organization_page(only_id is not None, sort, order)
    params = {"only_id": only_id}
    return await page_rows(session, statement, limit=limit, offset=offset, params=params)


@functools.lru_cache(maxsize=64)
def _organization_page(one: bool, sort: str, order: str) -> Select[Any]:
    query = select(Organization.__table__)
    if one:
        query = query.where(Organization.id == bindparam("only_id"))
    return query.order_by(*ordering(Organization, sort, order))


async def delete_organization(session: Session, organization: Organization) -> None:
    # Explicit deletes keep SQLite (foreign keys are per-connection) and PostgreSQL alike.
    await session.execute(delete(ApiKey).where(ApiKey.organization_id == organization.id))
    await session.execute(delete(User).where(User.organization_id == organization.id))
    await session.delete(organization)
    await session.flush()


# Foreign keys a service leaves the database to check (named by PostgreSQL's convention).
PLAN_FOREIGN_KEY = "organizations_plan_fkey"
USER_ORGANIZATION_FOREIGN_KEY = "users_organization_id_fkey"


async def get_plan(session: Session, name: str) -> Any:
    """The plan as a read-only row, or None."""
    return await read_row(session, Plan, name=name)


async def superuser_exists(session: Session) -> bool:
    found = await session.scalar(select(User.id).where(User.is_superuser.is_(True)).limit(1))
    return found is not None


async def get_user_by_username(session: Session, username: str) -> User | None:
    return await session.scalar(select(User).where(User.username == username))


async def get_user(session: Session, user_id: str) -> User | None:
    return await session.get(User, user_id)


async def touch_api_key(session: Session, key_id: str, when: datetime) -> None:
    await session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))


async def get_api_key(session: Session, key_id: str) -> ApiKey | None:
    return await session.get(ApiKey, key_id)


async def list_users(
    session: Session,
    *,
    organization_id: str,
    livemode: bool,
    email_index: str | None,
    username: str | None,
    role: str | None,
    status: str | None,
    limit: int,
    offset: int,
    sort: str = "created_at",
    order: str = "desc",
) -> tuple[list[User], int]:
    conditions = [User.organization_id == organization_id, User.livemode == livemode]
    if email_index is not None:
        conditions.append(User.email_index == email_index)
    if username is not None:
        conditions.append(User.username == username)
    if status is not None:
        conditions.append(User.status == status)
    query = select(User).where(*conditions).order_by(*ordering(User, sort, order))
    if role is not None:
        # Roles are a short JSON list; filter in Python to stay portable across SQLite and
        # PostgreSQL (an organization's user list is bounded).
        rows = [u for u in (await session.scalars(query)).all() if role in (u.roles or [])]
        return rows[offset : offset + limit], len(rows)
    total = await session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    return list((await session.scalars(query.limit(limit).offset(offset))).all()), total


async def email_taken(
    session: Session, organization_id: str, email_index: str, except_id: str | None
) -> bool:
    query = select(User.id).where(
        User.organization_id == organization_id, User.email_index == email_index
    )
    if except_id is not None:
        query = query.where(User.id != except_id)
    return await session.scalar(query) is not None


async def username_taken(session: Session, username: str, except_id: str | None) -> bool:
    query = select(User.id).where(User.username == username)
    if except_id is not None:
        query = query.where(User.id != except_id)
    return await session.scalar(query) is not None


async def get_session(session: Session, session_id: str) -> LoginSession | None:
    return await session.get(LoginSession, session_id)


async def get_refresh_token_by_hash(session: Session, token_hash: bytes) -> RefreshToken | None:
    return await session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))


async def claim_refresh_token(session: Session, token_id: str, when: datetime) -> bool:
    """Mark a refresh token used; False if another request used it first."""
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None))
        .values(used_at=when)
    )
    return rowcount(result) == 1


async def revoke_sessions_of_user(
    session: Session, user_id: str, when: datetime, reason: str
) -> None:
    await session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=when, revoked_reason=reason)
    )


async def recovery_codes(session: Session, user_id: str) -> list[RecoveryCode]:
    query = select(RecoveryCode).where(RecoveryCode.user_id == user_id)
    return list((await session.scalars(query)).all())


async def delete_recovery_codes(session: Session, user_id: str) -> None:
    await session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


async def latest_one_time_code(session: Session, user_id: str, method: str) -> OneTimeCode | None:
    return await session.scalar(
        select(OneTimeCode)
        .where(
            OneTimeCode.user_id == user_id,
            OneTimeCode.method == method,
            OneTimeCode.used_at.is_(None),
        )
        .order_by(OneTimeCode.created_at.desc())
        .limit(1)
    )


async def invalidate_one_time_codes(
    session: Session, user_id: str, method: str, when: datetime
) -> None:
    await session.execute(
        update(OneTimeCode)
        .where(
            OneTimeCode.user_id == user_id,
            OneTimeCode.method == method,
            OneTimeCode.used_at.is_(None),
        )
        .values(used_at=when)
    )


@functools.lru_cache(maxsize=64)
def _key_page(by_mode: bool, sort: str, order: str) -> Select[Any]:
    conditions = [ApiKey.organization_id == bindparam("organization_id")]
    if by_mode:
        conditions.append(ApiKey.livemode == bindparam("livemode"))
    return select(ApiKey.__table__).where(*conditions).order_by(*ordering(ApiKey, sort, order))


async def list_api_keys(
    session: Session,
    *,
    organization_id: str,
    livemode: bool | None,
    limit: int,
    offset: int,
    sort: str = "created_at",
    order: str = "desc",
    status: str | None = None,
    name_prefix: str | None = None,
    now: datetime | None = None,
) -> tuple[list[Any], int]:
    """A page of the organization's keys as read-only rows, and the total."""
    if (status is None or now is None) and not name_prefix:
        # The usual page (no filter): its statement is built once per mode, sort and order.
        params = {"organization_id": organization_id, "livemode": livemode}
        statement = _key_page(livemode is not None, sort, order)
        return await page_rows(session, statement, limit=limit, offset=offset, params=params)
    conditions = [ApiKey.organization_id == organization_id]
    if livemode is not None:
        conditions.append(ApiKey.livemode == livemode)
    if status is not None and now is not None:
        live = or_(ApiKey.revoked_at.is_(None), ApiKey.revoked_at > now)
        unexpired = or_(ApiKey.expires_at.is_(None), ApiKey.expires_at > now)
        conditions.append(
            {
                "revoked": ~live,
                "expired": and_(live, ~unexpired),
                "active": and_(live, unexpired),
            }[status]
        )
    if name_prefix:
        dialect = session.get_bind().dialect.name
        conditions.append(like_ascii(ApiKey.name, name_prefix, dialect, prefix=True))
    return await page_rows(
        session,
        select(ApiKey.__table__).where(*conditions).order_by(*ordering(ApiKey, sort, order)),
        limit=limit,
        offset=offset,
    )


async def advance_totp_step(session: Session, user_id: str, step: int) -> bool:
    """Record a used TOTP time step; False if this or a later step was already used."""
    result = await session.execute(
        update(User)
        .where(User.id == user_id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def use_recovery_code(session: Session, code_id: str, when: datetime) -> bool:
    result = await session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == code_id, RecoveryCode.used_at.is_(None))
        .values(used_at=when)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def spend_code_attempt(session: Session, code_id: str, max_attempts: int) -> bool:
    """Count one attempt at a one-time code; False once the code is used or out of attempts."""
    result = await session.execute(
        update(OneTimeCode)
        .where(
            OneTimeCode.id == code_id,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.attempts < max_attempts,
        )
        .values(attempts=OneTimeCode.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def use_code(session: Session, code_id: str, when: datetime) -> bool:
    result = await session.execute(
        update(OneTimeCode)
        .where(OneTimeCode.id == code_id, OneTimeCode.used_at.is_(None))
        .values(used_at=when)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) == 1


async def delete_expired_sessions(session: Session, cutoff: datetime) -> int:
    """Sessions (with their refresh tokens) that ended before `cutoff`."""
    ended = or_(LoginSession.expires_at < cutoff, LoginSession.revoked_at < cutoff)
    ids = list(await session.scalars(select(LoginSession.id).where(ended).limit(5000)))
    if not ids:
        return 0
    await session.execute(delete(RefreshToken).where(RefreshToken.session_id.in_(ids)))
    await session.execute(delete(LoginSession).where(LoginSession.id.in_(ids)))
    return len(ids)


async def delete_spent_codes(session: Session, cutoff: datetime) -> int:
    spent = or_(OneTimeCode.expires_at < cutoff, OneTimeCode.used_at < cutoff)
    result = await session.execute(delete(OneTimeCode).where(spent))
    return rowcount(result) or 0


async def get_api_key_with_plan(
    session: Session, key_hash: bytes
) -> tuple[ApiKey, Organization, Plan | None, Any] | None:
    """A key with its organization, plan and its user's (status, roles, is_superuser), or None
    for that last without a user, in one query (credential resolution)."""
    row = (
        await session.execute(
            select(ApiKey, Organization, Plan, User.status, User.roles, User.is_superuser)
            .join(Organization, Organization.id == ApiKey.organization_id)
            .outerjoin(Plan, Plan.name == Organization.plan)
            .outerjoin(User, User.id == ApiKey.user_id)
            .where(ApiKey.key_hash == key_hash)
        )
    ).one_or_none()
    if row is None:
        return None
    owner = None if row[3] is None else (row[3], list(row[4] or []), bool(row[5]))
    return row[0], row[1], row[2], owner


async def revoke_personal_keys(session: Session, user_id: str, when: datetime) -> list[ApiKey]:
    """Revoke the personal keys of a user; the keys that this revoked."""
    keys = list(
        (
            await session.scalars(
                select(ApiKey).where(
                    ApiKey.user_id == user_id,
                    ApiKey.personal.is_(True),
                    ApiKey.revoked_at.is_(None),
                )
            )
        ).all()
    )
    for key in keys:
        key.revoked_at = when
    return keys


async def get_login_with_plan(
    session: Session, user_id: str, session_id: str
) -> tuple[User, LoginSession | None, Organization, Plan | None] | None:
    """A user with one of their login sessions, organization and plan, in one query."""
    row = (
        await session.execute(
            select(User, LoginSession, Organization, Plan)
            .join(Organization, Organization.id == User.organization_id)
            .outerjoin(Plan, Plan.name == Organization.plan)
            .outerjoin(
                LoginSession,
                (LoginSession.id == session_id) & (LoginSession.user_id == User.id),
            )
            .where(User.id == user_id)
        )
    ).one_or_none()
    return None if row is None else (row[0], row[1], row[2], row[3])
