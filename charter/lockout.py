"""Failed authentication attempts and account lockout, shared by login and factor checks.

Counting is a compare-and-set in the database, so concurrent wrong guesses cannot slip past the
threshold. Default: 5 failures within 15 minutes lock the account for 15 minutes, doubling each
time it locks again.
"""

from __future__ import annotations

from datetime import timedelta

from charter import audit, runtime
from charter.clock import utcnow
from charter.context import Actor
from storage import repositories as repo
from storage.models import User


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > utcnow()


def register_failure(session, actor: Actor, user: User, reason: str) -> bool:
    """Count a failed attempt and record it; True when it locked the account."""
    settings = runtime.current().settings
    now = utcnow()
    count, locked_until = repo.count_failure(
        session, user.id, now, now - timedelta(seconds=settings.lockout_window_seconds)
    )
    _record(session, actor, user, "login.failed", {"reason": reason})
    audit.publish(
        session,
        event_type="user.login_failed",
        organization_id=user.organization_id,
        livemode=user.livemode,
        payload={"user_id": user.id, "reason": reason},
    )
    if locked_until is not None and locked_until > now:
        return True  # a concurrent attempt locked it meanwhile
    until = repo.lock_user(
        session, user.id, settings.lockout_threshold, settings.lockout_seconds, now
    )
    if until is not None:
        _record(session, actor, user, "account.locked", {"until": until.isoformat()})
    return until is not None or count >= settings.lockout_threshold


def _record(session, actor: Actor, user: User, action: str, details: dict) -> None:
    audit.record(
        session,
        actor,
        action=action,
        resource_type="user",
        resource_id=user.id,
        organization_id=user.organization_id,
        details=details,
        livemode=user.livemode,
    )
