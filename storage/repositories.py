"""Repositories: take a session and keyword arguments, return rows. No rules live here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import (
    ApiKey,
    AuditEvent,
    IdempotencyRecord,
    OneTimeCode,
    Organization,
    OutboxEvent,
    Plan,
    RecoveryCode,
    RefreshToken,
    User,
)
from storage.models import Session as AuthSession

# organizations -------------------------------------------------------------------------------


def get_organization(session: Session, organization_id: str) -> Organization | None:
    return session.get(Organization, organization_id)


def list_organizations(
    session: Session, *, only_id: str | None, limit: int, offset: int
) -> tuple[list[Organization], int]:
    query = select(Organization)
    count = select(func.count()).select_from(Organization)
    if only_id is not None:
        query = query.where(Organization.id == only_id)
        count = count.where(Organization.id == only_id)
    rows = session.scalars(
        query.order_by(Organization.created_at.desc(), Organization.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), session.scalar(count) or 0


def add(session: Session, row: Any) -> Any:
    session.add(row)
    session.flush()
    return row


def delete_organization(session: Session, organization: Organization) -> None:
    # Explicit deletes keep SQLite (foreign keys are per-connection) and PostgreSQL alike.
    session.execute(delete(ApiKey).where(ApiKey.organization_id == organization.id))
    session.execute(delete(User).where(User.organization_id == organization.id))
    session.delete(organization)
    session.flush()


def get_plan(session: Session, name: str) -> Plan | None:
    return session.get(Plan, name)


# users and keys --------------------------------------------------------------------------------


def get_user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def get_user(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def get_api_key_by_hash(session: Session, key_hash: bytes) -> ApiKey | None:
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash))


def touch_api_key(session: Session, key_id: str, when: datetime) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))


def get_api_key(session: Session, key_id: str) -> ApiKey | None:
    return session.get(ApiKey, key_id)


# audit and outbox ------------------------------------------------------------------------------


def list_audit_events(session: Session, *, organization_id: str | None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc())
    if organization_id is not None:
        query = query.where(AuditEvent.organization_id == organization_id)
    return list(session.scalars(query).all())


def list_outbox(session: Session, *, event_type: str | None = None) -> list[OutboxEvent]:
    query = select(OutboxEvent).order_by(OutboxEvent.id)
    if event_type is not None:
        query = query.where(OutboxEvent.event_type == event_type)
    return list(session.scalars(query).all())


def delete_audit_before(session: Session, cutoff: datetime) -> int:
    return session.execute(delete(AuditEvent).where(AuditEvent.created_at < cutoff)).rowcount or 0


# idempotency -----------------------------------------------------------------------------------


def get_idempotency(session: Session, principal: str, key: str) -> IdempotencyRecord | None:
    return session.get(IdempotencyRecord, (principal, key))


def delete_idempotency(session: Session, principal: str, key: str) -> None:
    session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
        )
    )


def delete_expired_idempotency(session: Session, now: datetime) -> int:
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at < now))
    return result.rowcount or 0


# users -----------------------------------------------------------------------------------------


def list_users(
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
) -> tuple[list[User], int]:
    conditions = [User.organization_id == organization_id, User.livemode == livemode]
    if email_index is not None:
        conditions.append(User.email_index == email_index)
    if username is not None:
        conditions.append(User.username == username)
    if status is not None:
        conditions.append(User.status == status)
    query = select(User).where(*conditions).order_by(User.created_at.desc(), User.id.desc())
    if role is not None:
        # Roles are a short JSON list; filter in Python to stay portable across SQLite and
        # PostgreSQL (an organization's user list is bounded).
        rows = [u for u in session.scalars(query).all() if role in (u.roles or [])]
        return rows[offset : offset + limit], len(rows)
    total = session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    return list(session.scalars(query.limit(limit).offset(offset)).all()), total


def email_taken(
    session: Session, organization_id: str, email_index: str, except_id: str | None
) -> bool:
    query = select(User.id).where(
        User.organization_id == organization_id, User.email_index == email_index
    )
    if except_id is not None:
        query = query.where(User.id != except_id)
    return session.scalar(query) is not None


def username_taken(session: Session, username: str, except_id: str | None) -> bool:
    query = select(User.id).where(User.username == username)
    if except_id is not None:
        query = query.where(User.id != except_id)
    return session.scalar(query) is not None


# sessions and refresh tokens -------------------------------------------------------------------


def get_session(session: Session, session_id: str) -> AuthSession | None:
    return session.get(AuthSession, session_id)


def get_refresh_token_by_hash(session: Session, token_hash: bytes) -> RefreshToken | None:
    return session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))


def claim_refresh_token(session: Session, token_id: str, when: datetime) -> bool:
    """Mark a refresh token used; False if another request used it first."""
    result = session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None))
        .values(used_at=when)
    )
    return result.rowcount == 1


def revoke_sessions_of_user(session: Session, user_id: str, when: datetime, reason: str) -> None:
    session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=when, revoked_reason=reason)
    )


# MFA --------------------------------------------------------------------------------------------


def recovery_codes(session: Session, user_id: str) -> list[RecoveryCode]:
    return list(session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user_id)).all())


def delete_recovery_codes(session: Session, user_id: str) -> None:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


def latest_one_time_code(session: Session, user_id: str, method: str) -> OneTimeCode | None:
    return session.scalar(
        select(OneTimeCode)
        .where(
            OneTimeCode.user_id == user_id,
            OneTimeCode.method == method,
            OneTimeCode.used_at.is_(None),
        )
        .order_by(OneTimeCode.created_at.desc())
        .limit(1)
    )


def invalidate_one_time_codes(session: Session, user_id: str, method: str, when: datetime) -> None:
    session.execute(
        update(OneTimeCode)
        .where(
            OneTimeCode.user_id == user_id,
            OneTimeCode.method == method,
            OneTimeCode.used_at.is_(None),
        )
        .values(used_at=when)
    )


# keys ---------------------------------------------------------------------------------------------


def list_api_keys(
    session: Session, *, organization_id: str, livemode: bool | None, limit: int, offset: int
) -> tuple[list[ApiKey], int]:
    conditions = [ApiKey.organization_id == organization_id]
    if livemode is not None:
        conditions.append(ApiKey.livemode == livemode)
    total = session.scalar(select(func.count()).select_from(ApiKey).where(*conditions)) or 0
    rows = session.scalars(
        select(ApiKey)
        .where(*conditions)
        .order_by(ApiKey.created_at.desc(), ApiKey.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), total


# audit ------------------------------------------------------------------------------------------


def query_audit_events(
    session: Session,
    *,
    organization_id: str | None,
    livemode: bool | None,
    actor_id: str | None,
    action: str | None,
    resource_type: str | None,
    resource_id: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
) -> tuple[list[AuditEvent], int]:
    conditions = []
    if organization_id is not None:
        conditions.append(AuditEvent.organization_id == organization_id)
    if livemode is not None:
        conditions.append(AuditEvent.livemode == livemode)
    for column, value in (
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.action, action),
        (AuditEvent.resource_type, resource_type),
        (AuditEvent.resource_id, resource_id),
    ):
        if value is not None:
            conditions.append(column == value)
    if since is not None:
        conditions.append(AuditEvent.created_at >= since)
    if until is not None:
        conditions.append(AuditEvent.created_at < until)
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    rows = session.scalars(
        select(AuditEvent)
        .where(*conditions)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), total


def get_audit_event(session: Session, event_id: str) -> AuditEvent | None:
    return session.get(AuditEvent, event_id)


# compare-and-set updates: correct under concurrency on SQLite and PostgreSQL alike ---------------


def advance_totp_step(session: Session, user_id: str, step: int) -> bool:
    """Record a used TOTP time step; False if this or a later step was already used."""
    result = session.execute(
        update(User)
        .where(User.id == user_id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def use_recovery_code(session: Session, code_id: str, when: datetime) -> bool:
    result = session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == code_id, RecoveryCode.used_at.is_(None))
        .values(used_at=when)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def spend_code_attempt(session: Session, code_id: str, max_attempts: int) -> bool:
    """Count one attempt at a one-time code; False once the code is used or out of attempts."""
    result = session.execute(
        update(OneTimeCode)
        .where(
            OneTimeCode.id == code_id,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.attempts < max_attempts,
        )
        .values(attempts=OneTimeCode.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def use_code(session: Session, code_id: str, when: datetime) -> bool:
    result = session.execute(
        update(OneTimeCode)
        .where(OneTimeCode.id == code_id, OneTimeCode.used_at.is_(None))
        .values(used_at=when)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def count_failure(
    session: Session, user_id: str, now: datetime, window_start: datetime
) -> tuple[int, datetime | None]:
    """Add one failed attempt (restarting the count outside the window).

    Returns the new count and the account's lock end as stored now (a concurrent request may
    have just locked it).
    """
    fresh = or_(User.first_failed_at.is_(None), User.first_failed_at < window_start)
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(
            failed_logins=case((fresh, 1), else_=User.failed_logins + 1),
            first_failed_at=case((fresh, now), else_=User.first_failed_at),
        )
        .execution_options(synchronize_session=False)
    )
    row = session.execute(
        select(User.failed_logins, User.locked_until).where(User.id == user_id)
    ).one()
    locked_until = row.locked_until
    if locked_until is not None and locked_until.tzinfo is None:
        locked_until = locked_until.replace(tzinfo=UTC)
    return row.failed_logins, locked_until


def lock_user(session: Session, user_id: str, threshold: int, base_seconds: int, now: datetime):
    """Lock the account if the count reached the threshold (once); the lock end, or None."""
    row = session.execute(
        select(User.failed_logins, User.lock_count).where(User.id == user_id)
    ).one_or_none()
    if row is None or row.failed_logins < threshold:
        return None
    until = now + timedelta(seconds=base_seconds * 2 ** min(row.lock_count, 10))
    result = session.execute(
        update(User)
        .where(User.id == user_id, User.failed_logins >= threshold)
        .values(
            locked_until=until,
            lock_count=User.lock_count + 1,
            failed_logins=0,
            first_failed_at=None,
        )
        .execution_options(synchronize_session=False)
    )
    return until if result.rowcount == 1 else None


def delete_expired_sessions(session: Session, cutoff: datetime) -> int:
    """Sessions (with their refresh tokens) that ended before `cutoff`."""
    ended = or_(AuthSession.expires_at < cutoff, AuthSession.revoked_at < cutoff)
    ids = [row for row in session.scalars(select(AuthSession.id).where(ended).limit(5000))]
    if not ids:
        return 0
    session.execute(delete(RefreshToken).where(RefreshToken.session_id.in_(ids)))
    session.execute(delete(AuthSession).where(AuthSession.id.in_(ids)))
    return len(ids)


def delete_spent_codes(session: Session, cutoff: datetime) -> int:
    spent = or_(OneTimeCode.expires_at < cutoff, OneTimeCode.used_at < cutoff)
    return session.execute(delete(OneTimeCode).where(spent)).rowcount or 0
