"""Failed authentication attempts and account lockout, shared by login and factor checks.

Counting is a compare-and-set in the database, so concurrent wrong guesses cannot slip past the
threshold. Default: 5 failures within 15 minutes lock the account for 15 minutes, doubling each
time it locks again.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import outbox
from charter.identity.principals import Actor
from charter.identity.users import record_event
from charter.platform import runtime
from charter.platform.clock import utcnow
from storage.models import User
from storage.repositories import identity as repo


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > utcnow()


async def register_failure(session: AsyncSession, actor: Actor, user: User, reason: str) -> bool:
    """Count a failed attempt and record it; True when it locked the account."""
    settings = runtime.current().settings
    now = utcnow()
    count, locked_until = await repo.count_failure(
        session, user.id, now, now - timedelta(seconds=settings.lockout_window_seconds)
    )
    await record_event(session, actor, user, "login.failed", {"reason": reason})
    await outbox.enqueue(
        session,
        event_type="user.login_failed",
        organization_id=user.organization_id,
        livemode=user.livemode,
        payload={"user_id": user.id, "reason": reason},
    )
    if locked_until is not None and locked_until > now:
        return True  # a concurrent attempt locked it meanwhile
    until = await repo.lock_user(
        session, user.id, settings.lockout_threshold, settings.lockout_seconds, now
    )
    if until is not None:
        await record_event(session, actor, user, "account.locked", {"until": until.isoformat()})
    return until is not None or count >= settings.lockout_threshold
