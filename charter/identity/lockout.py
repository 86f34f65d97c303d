"""Failed authentication attempts and account lockout, shared by login and factor checks.

Counting is a compare-and-set in the database, so concurrent wrong guesses cannot slip past the
threshold. Default: 5 failures within 15 minutes lock the account for 15 minutes, doubling each
time it locks again.

A username that belongs to nobody is counted and locked the same way (in a throttle row keyed
by a blind index of the name), so the answers, `ACCOUNT_LOCKED` included, and the work done do
not tell which usernames exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import outbox
from charter.identity.principals import Actor
from charter.identity.users import record_event
from charter.platform import crypto, runtime
from charter.platform.clock import utcnow
from storage.models import LoginThrottle, User
from storage.repositories import lockout as counters


def is_locked(subject: User | LoginThrottle) -> bool:
    return subject.locked_until is not None and subject.locked_until > utcnow()


async def throttle_for(session: AsyncSession, username: str) -> LoginThrottle:
    """The counters of a username nobody has."""
    return await counters.get_throttle(session, crypto.blind_index(f"login:{username}"), utcnow())


async def register_failure(
    session: AsyncSession, actor: Actor, subject: User | LoginThrottle, reason: str
) -> bool:
    """Count a failed attempt and record it; True when it locked the account (or the name)."""
    settings = runtime.current().settings
    now = utcnow()
    model, key = (
        (User, subject.id) if isinstance(subject, User) else (LoginThrottle, subject.subject)
    )
    window_start = now - timedelta(seconds=settings.lockout_window_seconds)
    count, locked_until = await counters.count_failure(session, model, key, now, window_start)
    user = subject if isinstance(subject, User) else None
    await record_event(
        session, actor, user, "login.failed", {"reason": reason if user else "unknown_user"}
    )
    if user is not None:
        await outbox.enqueue(
            session,
            event_type="user.login_failed",
            organization_id=user.organization_id,
            livemode=user.livemode,
            payload={"user_id": user.id, "reason": reason},
        )
    if locked_until is not None and locked_until > now:
        return True  # a concurrent attempt locked it meanwhile
    until = await counters.lock(
        session, model, key, settings.lockout_threshold, settings.lockout_seconds, now
    )
    if until is not None and user is not None:
        await record_event(session, actor, user, "account.locked", {"until": until.isoformat()})
    return until is not None or count >= settings.lockout_threshold


def locked_until_text(subject: User | LoginThrottle) -> str:
    until: datetime | None = subject.locked_until
    return until.strftime("%Y-%m-%dT%H:%M:%SZ") if until else ""
