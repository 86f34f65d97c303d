"""Sessions: login with lockout and MFA, JWT access tokens, rotating refresh tokens with reuse
detection, logout.

A login opens a session; its refresh tokens form one family. Each refresh uses up its token and
issues a child. Presenting a used token again revokes the whole family (a stolen token was
replayed), except within a short grace window, where the same child is returned so a client that
retried after a timeout stays logged in.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import outbox
from charter.identity import lockout
from charter.identity.mfa import check_second_factor
from charter.identity.passwords import hash_password, hasher, verify_password
from charter.identity.principals import Actor, forget_credentials, hash_secret
from charter.identity.roles import scopes_for_roles
from charter.identity.users import record_event
from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.errors import (
    AccountLocked,
    CharterError,
    Invalid,
    InvalidCredentials,
    MfaRequired,
    Unauthenticated,
)
from storage.models import LoginSession, RefreshToken, User
from storage.repositories import identity as repo
from storage.repositories.common import add

# Verified against when the username is unknown, so both paths cost one argon2 verification.
_DUMMY_HASH = hasher.hash("charter-dummy-password-for-timing")


def access_token(user: User, session: LoginSession) -> str:
    settings = runtime.current().settings
    kid, keys = crypto.jwt_keys()
    now = int(time.time())
    claims = {
        "sub": user.id,
        "org": user.organization_id,
        "roles": list(user.roles or []),
        "scope": " ".join(sorted(scopes_for_roles(user.roles))),
        "sid": session.id,
        "jti": new_id("jti"),
        "amr": list(session.amr or ["pwd"]),
        "livemode": user.livemode,
        "iat": now,
        "exp": now + settings.access_token_seconds,
    }
    return jwt.encode(claims, keys[kid], algorithm="HS256", headers={"kid": kid})


def _token_response(user: User, session: LoginSession, refresh: str) -> dict[str, Any]:
    return {
        "access_token": access_token(user, session),
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": runtime.current().settings.access_token_seconds,
        "user": {
            "id": user.id,
            "username": user.username,
            "email": crypto.decrypt(user.email_enc),
            "roles": list(user.roles or []),
        },
    }


async def _new_refresh(
    db_session: AsyncSession, auth_session: LoginSession, parent_id: str | None
) -> tuple[RefreshToken, str]:
    secret = "rt_" + secrets.token_urlsafe(32)
    row = await add(
        db_session,
        RefreshToken(
            id=new_id("rtk"),
            session_id=auth_session.id,
            token_hash=hash_secret(secret),
            parent_id=parent_id,
            created_at=utcnow(),
            expires_at=auth_session.expires_at,
        ),
    )
    return row, secret


@dataclass(frozen=True)
class PasswordCheck:
    """The first half of a login: whose password was tried and whether it matched."""

    user_id: str | None
    username: str
    password: str
    ok: bool


async def check_password(db_session: AsyncSession, username: str, password: str) -> PasswordCheck:
    """Verify a password (the slow half of a login) in a read unit, before any write unit opens.

    An unknown username costs the same argon2 verification as a known one.
    """
    user = await repo.get_user_by_username(db_session, username)
    password_hash = user.password_hash if user is not None else _DUMMY_HASH
    ok = await verify_password(password_hash, password) and user is not None
    return PasswordCheck(user.id if user is not None else None, username, password, ok)


async def attempt_login(
    db_session: AsyncSession,
    actor: Actor,
    check: PasswordCheck,
    *,
    remember_me: bool = False,
    device_id: str | None = None,
    mfa_code: str | None = None,
) -> dict[str, Any] | CharterError:
    """Decide a checked login (lockout, second factor), open a session and issue its tokens.

    Returns the tokens, or the error to raise once the unit of work has committed: failed
    attempts and lockouts are written either way and must count even though the request fails.
    """
    settings = runtime.current().settings
    user = await repo.get_user(db_session, check.user_id) if check.user_id else None
    now = utcnow()
    outcome = await _attempt(db_session, actor, user, check, mfa_code, now)
    if isinstance(outcome, CharterError):
        return outcome
    user, amr = outcome
    days = settings.refresh_token_remember_days if remember_me else settings.refresh_token_days
    auth_session = await add(
        db_session,
        LoginSession(
            id=new_id("ses"),
            user_id=user.id,
            organization_id=user.organization_id,
            device_id=device_id,
            remember_me=remember_me,
            amr=amr,
            created_at=now,
            expires_at=now + timedelta(days=days),
        ),
    )
    _, refresh_secret = await _new_refresh(db_session, auth_session, None)
    await record_event(
        db_session, actor, user, "login.succeeded", {"session_id": auth_session.id, "amr": amr}
    )
    await outbox.enqueue(
        db_session,
        event_type="user.authenticated",
        organization_id=user.organization_id,
        livemode=user.livemode,
        payload={"user_id": user.id, "session_id": auth_session.id},
    )
    return _token_response(user, auth_session, refresh_secret)


async def _attempt(
    db_session: AsyncSession,
    actor: Actor,
    user: User | None,
    check: PasswordCheck,
    mfa_code: str | None,
    now: Any,
) -> tuple[User, list[str]] | CharterError:
    """Decide a login attempt and record it: (user, authentication methods) or the error.

    An unknown username, a disabled user and a wrong password get the same answers from the
    same counters (see lockout), so none of them tells which usernames exist.
    """
    subject = user if user is not None else await lockout.throttle_for(db_session, check.username)
    if lockout.is_locked(subject):
        reason = "locked" if user is not None else "unknown_user"
        await record_event(db_session, actor, user, "login.failed", {"reason": reason})
        until = lockout.locked_until_text(subject)
        return AccountLocked(f"Too many failed attempts; locked until {until}")
    if user is None or user.status != "active" or not check.ok:
        reason = "inactive" if user is not None and user.status != "active" else "password"
        locked = await lockout.register_failure(db_session, actor, subject, reason)
        return AccountLocked() if locked else InvalidCredentials("Wrong username or password")
    amr = ["pwd"]
    if user.mfa_enabled:
        if not mfa_code:
            await record_event(db_session, actor, user, "login.mfa_required")
            return MfaRequired("This account has MFA enabled: send mfa_code")
        method = await check_second_factor(db_session, user, mfa_code)
        if method is None:
            locked = await lockout.register_failure(db_session, actor, user, "mfa")
            return AccountLocked() if locked else InvalidCredentials("Wrong MFA code")
        amr.append("otp" if method == "totp" else "mfa_recovery")
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = await hash_password(check.password)
    user.failed_logins, user.first_failed_at, user.lock_count = 0, None, 0
    user.last_login_at = now
    return user, amr


async def attempt_refresh(
    db_session: AsyncSession, actor: Actor, token: str
) -> dict[str, Any] | CharterError:
    """Exchange a refresh token for a new pair, or the error to raise after commit.

    A used token presented again revokes its whole session (recorded, so it must commit), except
    within the grace window, where the same child is returned to a client that retried.
    """
    settings = runtime.current().settings
    now = utcnow()
    row = await repo.get_refresh_token_by_hash(db_session, hash_secret(token))
    if row is None:
        return Unauthenticated("Invalid refresh token")
    auth_session = await repo.get_session(db_session, row.session_id)
    user = await repo.get_user(db_session, auth_session.user_id) if auth_session else None
    if (
        auth_session is None
        or user is None
        or user.status != "active"
        or auth_session.revoked_at is not None
        or auth_session.expires_at <= now
        or row.expires_at <= now
    ):
        return Unauthenticated("Refresh token expired or revoked")
    child: RefreshToken | None
    if await repo.claim_refresh_token(db_session, row.id, now):
        child, secret = await _new_refresh(db_session, auth_session, row.id)
        row.child_id = child.id
        row.child_token_enc = crypto.encrypt(secret)
        await record_event(
            db_session, actor, user, "session.refreshed", {"session_id": auth_session.id}
        )
        return _token_response(user, auth_session, secret)
    await db_session.refresh(row)
    grace = timedelta(seconds=settings.refresh_reuse_grace_seconds)
    if row.used_at is not None and now - row.used_at <= grace and row.child_token_enc:
        child = await db_session.get(RefreshToken, row.child_id)
        if child is not None and child.used_at is None:
            return _token_response(user, auth_session, crypto.decrypt(row.child_token_enc))
    auth_session.revoked_at = now
    auth_session.revoked_reason = "refresh_token_reuse"
    await record_event(
        db_session, actor, user, "session.refresh_reuse_detected", {"session_id": auth_session.id}
    )
    forget_credentials(db_session)
    return Unauthenticated("Refresh token was already used; the session is revoked")


async def logout(db_session: AsyncSession, actor: Actor, token: str) -> None:
    principal = actor.principal
    if principal is None or principal.kind != "user" or principal.session_id is None:
        raise Invalid(
            "Logout needs a user access token, not an API key", field="header.Authorization"
        )
    auth_session = await repo.get_session(db_session, principal.session_id)
    if auth_session is not None and auth_session.revoked_at is None:
        auth_session.revoked_at = utcnow()
        auth_session.revoked_reason = "logout"
    user = await repo.get_user(db_session, principal.user_id) if principal.user_id else None
    await record_event(db_session, actor, user, "logout", {"session_id": principal.session_id})
    forget_credentials(db_session, token)
