"""Multi-factor authentication: TOTP enrolment and checks (no replay within a window), recovery
codes (hashed, single use), and one-time codes by SMS or email (hashed, 5 minutes, single use,
limited attempts)."""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from typing import Any

import pyotp
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import outbox
from charter.identity import lockout, users
from charter.identity.principals import Actor
from charter.identity.users import record_event
from charter.platform import crypto, runtime, senders
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import CharterError, Conflict, Invalid, PermissionDenied
from storage.db import on_commit
from storage.models import OneTimeCode, RecoveryCode, User
from storage.repositories import identity as repo
from storage.repositories.common import add

ISSUER = "Charter"
RECOVERY_CODES = 10


def _self_only(actor: Actor, user_id: str) -> None:
    """Authenticator changes need the user's own login session, not an API key."""
    p = actor.principal
    if p is None or p.kind != "user" or p.user_id != user_id:
        raise PermissionDenied(
            "Only the user, with an access token, may manage their authenticator"
        )


async def check_totp(
    session: AsyncSession, user: User, code: str, secret_enc: str | None = None
) -> bool:
    """True for a current code whose time step was not used before (checked atomically)."""
    secret = crypto.decrypt(secret_enc or user.totp_secret_enc)
    if not secret or not code.isdigit():
        return False
    totp = pyotp.TOTP(secret)
    now_step = int(time.time()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if crypto.constant_time_equal(totp.generate_otp(step), code):
            return await repo.advance_totp_step(session, user.id, step)
    return False


async def check_recovery_code(session: AsyncSession, user: User, code: str) -> bool:
    digest = crypto.keyed_hash(code.strip().lower(), "recovery")
    for row in await repo.recovery_codes(session, user.id):
        if row.used_at is None and crypto.constant_time_equal(row.code_hash, digest):
            return await repo.use_recovery_code(session, row.id, utcnow())
    return False


async def check_second_factor(session: AsyncSession, user: User, code: str) -> str | None:
    """The method that accepted `code` ("totp" or "recovery"), or None."""
    if await check_totp(session, user, code):
        return "totp"
    if await check_recovery_code(session, user, code):
        return "recovery"
    return None


async def enroll_totp(session: AsyncSession, actor: Actor, user_id: str) -> dict[str, Any]:
    secret = pyotp.random_base32()
    user = await users.get_or_raise(session, actor, user_id)  # 404 for other tenants first
    _self_only(actor, user.id)
    if user.mfa_enabled:
        raise Conflict("TOTP is already enabled; disable it first")
    user.totp_pending_enc = crypto.encrypt(secret)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=ISSUER)
    await record_event(session, actor, user, "mfa.totp_enrollment_started")
    return {"secret": secret, "otpauth_uri": uri}


async def confirm_totp(
    session: AsyncSession, actor: Actor, user_id: str, code: str
) -> dict[str, Any]:
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    user = await users.get_or_raise(session, actor, user_id)
    _self_only(actor, user.id)
    if user.totp_pending_enc is None:
        raise Conflict("Start TOTP enrolment first")
    if not await check_totp(session, user, code, secret_enc=user.totp_pending_enc):
        raise Invalid("The code does not match the authenticator", field="body.code")
    user.totp_secret_enc, user.totp_pending_enc = user.totp_pending_enc, None
    user.mfa_enabled = True
    await repo.delete_recovery_codes(session, user.id)
    for code_text in codes:
        session.add(
            RecoveryCode(
                id=new_id("rc"),
                user_id=user.id,
                code_hash=crypto.keyed_hash(code_text, "recovery"),
                created_at=utcnow(),
            )
        )
    await session.flush()
    await record_event(session, actor, user, "mfa.totp_enabled")
    return {"enabled": True, "recovery_codes": codes}


async def disable_totp(
    session: AsyncSession, actor: Actor, user_id: str, code: str
) -> dict[str, Any] | CharterError:
    """Turn TOTP off with a current or recovery code; the error to raise after commit otherwise.

    A wrong code counts toward the lockout like a wrong password, so it must be committed.
    """
    user = await users.get_or_raise(session, actor, user_id)
    _self_only(actor, user.id)
    if not user.mfa_enabled:
        raise Conflict("TOTP is not enabled")
    if lockout.is_locked(user):
        return Invalid("The account is locked", field="body.code")
    if await check_second_factor(session, user, code) is None:
        await lockout.register_failure(session, actor, user, "mfa_disable")
        return Invalid("A current code or a recovery code is required", field="body.code")
    user.mfa_enabled = False
    user.totp_secret_enc = None
    user.totp_last_step = None
    await repo.delete_recovery_codes(session, user.id)
    await record_event(session, actor, user, "mfa.totp_disabled")
    return {"enabled": False}


def _recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


async def send_code(
    session: AsyncSession, actor: Actor, user_id: str, method: str, destination: str | None
) -> dict[str, Any]:
    """Send a one-time code by `sms` or `email`; earlier unused codes of that method lapse.

    The code is sent once the unit of work has committed (never while it holds a connection or,
    on SQLite, the write lock); a failed delivery fails the request, and the stored code lapses.
    """
    settings = runtime.current().settings
    code = f"{secrets.randbelow(10**6):06d}"
    now = utcnow()
    user = await users.get_or_raise(session, actor, user_id)
    users.check_can_manage(actor, user)
    if destination is None:
        stored = user.phone_enc if method == "sms" else user.email_enc
        destination = crypto.decrypt(stored)
    if not destination:
        field = "body.phone" if method == "sms" else "body.email"
        raise Invalid(
            f"No {'phone number' if method == 'sms' else 'email'} to send to", field=field
        )
    await repo.invalidate_one_time_codes(session, user.id, method, now)
    record = await add(
        session,
        OneTimeCode(
            id=new_id("otp"),
            user_id=user.id,
            method=method,
            code_hash=crypto.keyed_hash(f"{user.id}:{code}", "otp"),
            destination_enc=crypto.encrypt(destination),
            attempts=0,
            expires_at=now + timedelta(seconds=settings.otp_ttl_seconds),
            created_at=now,
        ),
    )
    await record_event(session, actor, user, "mfa.code_sent", {"method": method})
    expires_at = isoformat(record.expires_at)
    message = {
        "method": method,
        "destination": destination,
        "code": code,
        "user_id": user_id,
        "expires_at": expires_at,
    }
    on_commit(session, lambda: senders.send(message))
    return {
        "sent": True,
        "user_id": user_id,
        "method": method,
        "destination": _mask(destination),
        "expires_at": expires_at,
    }


def _mask(destination: str) -> str:
    if "@" in destination:
        name, _, domain = destination.partition("@")
        return f"{name[:1]}***@{domain}"
    return f"***{destination[-4:]}"


async def verify(
    session: AsyncSession, actor: Actor, user_id: str, method: str, code: str
) -> dict[str, Any]:
    """Seed 001 `POST /auth/verify`: does `code` prove the user's second factor right now?

    Wrong TOTP and recovery codes count toward the account lockout like wrong passwords; while
    the account is locked nothing verifies. One-time codes have their own attempt limit.
    """
    now = utcnow()
    user = await users.get_or_raise(session, actor, user_id)
    users.check_can_manage(actor, user)  # guessing codes can lock the account
    if method in ("totp", "recovery"):
        if method == "totp" and not user.mfa_enabled:
            raise Conflict("TOTP is not enabled for this user")
        verified = await _verify_factor(session, actor, user, method, code)
    else:
        verified = await _verify_one_time_code(session, user, method, code, now)
    await record_event(
        session, actor, user, "mfa.verified" if verified else "mfa.failed", {"method": method}
    )
    if not verified:
        await outbox.enqueue(
            session,
            event_type="user.mfa_failed",
            organization_id=user.organization_id,
            livemode=user.livemode,
            payload={"user_id": user.id, "method": method},
        )
    return {"verified": verified, "user_id": user_id, "timestamp": isoformat(now)}


async def _verify_factor(
    session: AsyncSession, actor: Actor, user: User, method: str, code: str
) -> bool:
    if not user.mfa_enabled or lockout.is_locked(user):
        return False
    if method == "totp":
        verified = await check_totp(session, user, code)
    else:
        verified = await check_recovery_code(session, user, code)
    if not verified:
        await lockout.register_failure(session, actor, user, f"mfa_{method}")
    return verified


async def _verify_one_time_code(
    session: AsyncSession, user: User, method: str, code: str, now: Any
) -> bool:
    max_attempts = runtime.current().settings.otp_max_attempts
    record = await repo.latest_one_time_code(session, user.id, method)
    if record is None or record.expires_at <= now:
        return False
    if not await repo.spend_code_attempt(session, record.id, max_attempts):
        return False
    expected = crypto.keyed_hash(f"{user.id}:{code}", "otp")
    if not crypto.constant_time_equal(record.code_hash, expected):
        return False
    return await repo.use_code(session, record.id, now)
