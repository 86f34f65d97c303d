"""Users of an organization: CRUD, batch, unlock. Tenancy and role rules live here.

Usernames are unique across the platform, emails within an organization (through a keyed blind
index: the address itself is stored encrypted). `sk_test_` credentials see sandbox users only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from charter import audit, crypto, runtime
from charter.clock import isoformat, new_id, utcnow
from charter.context import Actor
from charter.errors import CharterError, Conflict, Invalid, NotFound, PermissionDenied
from charter.paging import Page
from charter.passwords import hash_password
from charter.security import scopes_for_roles
from storage import repositories as repo
from storage.models import User


def to_dict(user: User) -> dict[str, Any]:
    now = utcnow()
    locked = user.locked_until is not None and user.locked_until > now
    return {
        "id": user.id,
        "username": user.username,
        "email": crypto.decrypt(user.email_enc),
        "phone": crypto.decrypt(user.phone_enc),
        "roles": list(user.roles or []),
        "status": user.status,
        "mfa_enabled": user.mfa_enabled,
        "locked": locked,
        "locked_until": isoformat(user.locked_until) if locked else None,
        "last_login_at": isoformat(user.last_login_at),
        "created_at": isoformat(user.created_at),
        "updated_at": isoformat(user.updated_at),
    }


def get_or_raise(session, actor: Actor, user_id: str) -> User:
    """The user if it belongs to the caller's organization and mode; 404 otherwise."""
    p = actor.require()
    user = repo.get_user(session, user_id)
    if user is None or user.organization_id != p.organization_id or user.livemode != p.livemode:
        raise NotFound("User not found")
    return user


def check_can_manage(actor: Actor, user: User) -> None:
    """A caller changes, deletes or acts for only users with no more power than itself.

    Whoever can set a user's password can log in as that user, so this is checked on every
    change, not only on role changes.
    """
    p = actor.require()
    if user.is_superuser and not p.is_superuser:
        raise PermissionDenied("Only a platform superuser may change a superuser")
    if not p.has_scopes(tuple(scopes_for_roles(user.roles))):
        raise PermissionDenied("This user has scopes the caller lacks")


def _check_roles(actor: Actor, roles: list[str], current: list[str] | None = None) -> None:
    p = actor.require()
    if current is not None and set(roles) != set(current) and not p.is_admin:
        raise PermissionDenied("Only an admin may change roles")
    if not p.has_scopes(tuple(scopes_for_roles(roles))):
        raise PermissionDenied("A user cannot be given scopes the caller lacks")


def _check_unique(session, organization_id: str, *, username=None, email=None, except_id=None):
    if username is not None and repo.username_taken(session, username, except_id):
        raise Conflict(f"Username {username!r} is taken")
    if email is not None and repo.email_taken(
        session, organization_id, crypto.blind_index(email), except_id
    ):
        raise Conflict("A user with this email already exists in the organization")


def get_all(
    actor: Actor, *, limit, offset, email=None, username=None, role=None, status=None
) -> Page:
    p = actor.require()
    with runtime.current().db.transaction() as session:
        rows, total = repo.list_users(
            session,
            organization_id=p.organization_id,
            livemode=p.livemode,
            email_index=crypto.blind_index(email) if email else None,
            username=username,
            role=role,
            status=status,
            limit=limit,
            offset=offset,
        )
        return Page([to_dict(u) for u in rows], total, limit, offset)


def get(actor: Actor, user_id: str) -> dict[str, Any]:
    with runtime.current().db.transaction() as session:
        return to_dict(get_or_raise(session, actor, user_id))


def _new_user(actor: Actor, fields: dict[str, Any], password_hash: str) -> User:
    p = actor.require()
    now = utcnow()
    return User(
        id=new_id("usr"),
        organization_id=p.organization_id,
        livemode=p.livemode,
        username=fields["username"],
        email_enc=crypto.encrypt(fields["email"]),
        email_index=crypto.blind_index(fields["email"]),
        phone_enc=crypto.encrypt(fields.get("phone")),
        password_hash=password_hash,
        roles=sorted(set(fields.get("roles") or ["user"])),
        is_superuser=False,
        status=fields.get("status", "active"),
        mfa_enabled=False,
        failed_logins=0,
        lock_count=0,
        created_at=now,
        updated_at=now,
    )


def create(actor: Actor, fields: dict[str, Any]) -> dict[str, Any]:
    roles = list(fields.get("roles") or ["user"])
    _check_roles(actor, roles)
    password_hash = hash_password(fields["password"])  # before the transaction: it is slow
    try:
        with runtime.current().db.transaction() as session:
            user = _new_user(actor, fields, password_hash)
            _check_unique(
                session, user.organization_id, username=user.username, email=fields["email"]
            )
            repo.add(session, user)
            _announce(
                session, actor, user, "user.created", {"username": user.username, "roles": roles}
            )
            return to_dict(user)
    except IntegrityError:
        raise Conflict("Username or email is taken") from None


def update(actor: Actor, user_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """PATCH semantics; PUT passes every replaceable field."""
    password_hash = hash_password(changes["password"]) if changes.get("password") else None
    try:
        with runtime.current().db.transaction() as session:
            user = get_or_raise(session, actor, user_id)
            check_can_manage(actor, user)
            if "roles" in changes:
                _check_roles(actor, changes["roles"], list(user.roles or []))
            _check_unique(
                session,
                user.organization_id,
                username=changes.get("username")
                if changes.get("username") != user.username
                else None,
                email=changes.get("email"),
                except_id=user.id,
            )
            changed = []
            if "username" in changes and changes["username"] != user.username:
                user.username = changes["username"]
                changed.append("username")
            if "email" in changes:
                user.email_enc = crypto.encrypt(changes["email"])
                user.email_index = crypto.blind_index(changes["email"])
                changed.append("email")
            if "phone" in changes:
                user.phone_enc = crypto.encrypt(changes["phone"])
                changed.append("phone")
            if "roles" in changes:
                user.roles = sorted(set(changes["roles"]))
                changed.append("roles")
            if "status" in changes and changes["status"] != user.status:
                user.status = changes["status"]
                changed.append("status")
                if user.status != "active":
                    repo.revoke_sessions_of_user(session, user.id, utcnow(), "user_disabled")
            if password_hash is not None:
                user.password_hash = password_hash
                changed.append("password")
                repo.revoke_sessions_of_user(session, user.id, utcnow(), "password_changed")
            user.updated_at = utcnow()
            session.flush()
            _announce(session, actor, user, "user.updated", {"fields": changed})
            return to_dict(user)
    except IntegrityError:
        raise Conflict("Username or email is taken") from None


def delete(actor: Actor, user_id: str) -> None:
    with runtime.current().db.transaction() as session:
        user = get_or_raise(session, actor, user_id)
        check_can_manage(actor, user)
        if user.id == actor.require().user_id:
            raise Conflict("A user cannot delete itself")
        _announce(session, actor, user, "user.deleted", {"username": user.username})
        session.delete(user)


def unlock(actor: Actor, user_id: str) -> dict[str, Any]:
    with runtime.current().db.transaction() as session:
        user = get_or_raise(session, actor, user_id)
        if not actor.require().is_admin:
            raise PermissionDenied("Only an admin may unlock users")
        check_can_manage(actor, user)
        user.locked_until = None
        user.failed_logins = 0
        user.first_failed_at = None
        user.updated_at = utcnow()
        session.flush()
        _announce(session, actor, user, "user.unlocked", {})
        return to_dict(user)


def batch_create(actor: Actor, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Create each item on its own: one failure does not undo the others."""
    limit = runtime.current().settings.max_batch_items
    if len(items) > limit:
        raise Invalid(f"At most {limit} users per batch", field="body.users")
    results = []
    for index, item in enumerate(items):
        try:
            results.append({"index": index, "status": 201, "data": create(actor, item)})
        except CharterError as error:
            results.append(
                {
                    "index": index,
                    "status": error.status,
                    "error": {
                        "kind": error.kind,
                        "message": error.message,
                        "details": [{"field": e.field, "message": e.message} for e in error.errors],
                    },
                }
            )
    return results


def _announce(session, actor: Actor, user: User, event: str, details: dict) -> None:
    audit.announce(
        session,
        actor,
        event=event,
        resource_type="user",
        resource_id=user.id,
        organization_id=user.organization_id,
        livemode=user.livemode,
        details=details,
        payload={"user_id": user.id, "username": user.username},
    )
