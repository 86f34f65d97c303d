"""Users of an organization: CRUD, batch, unlock. Tenancy and role rules live here.

Usernames are unique across the platform, emails within an organization (through a keyed blind
index: the address itself is stored encrypted). `sk_test_` credentials see sandbox users only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.passwords import hash_password
from charter.identity.principals import Actor, forget_credentials
from charter.identity.roles import scopes_for_roles
from charter.platform import crypto, runtime
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import CharterError, Conflict, Invalid, NotFound, PermissionDenied
from charter.platform.paging import Page
from storage.db import violated_constraint, violation
from storage.models import User
from storage.repositories import identity as repo
from storage.repositories.common import add

SANDBOX_REFUSED = "Sandbox (sk_test_) credentials cannot read or change live state"


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


def new_user(
    *,
    organization_id: str,
    livemode: bool,
    username: str,
    email: str,
    password_hash: str,
    roles: list[str] | None = None,
    phone: str | None = None,
    status: str = "active",
    is_superuser: bool = False,
) -> User:
    """The one constructor of a user: services, bootstrap and test factories all use it."""
    now = utcnow()
    return User(
        id=new_id("usr"),
        organization_id=organization_id,
        livemode=livemode,
        username=username,
        email_enc=crypto.encrypt(email),
        email_index=crypto.blind_index(email),
        phone_enc=crypto.encrypt(phone),
        password_hash=password_hash,
        roles=sorted(set(roles or ["user"])),
        is_superuser=is_superuser,
        status=status,
        mfa_enabled=False,
        failed_logins=0,
        lock_count=0,
        created_at=now,
        updated_at=now,
    )


async def get_or_raise(session: AsyncSession, actor: Actor, user_id: str) -> User:
    """The user if it belongs to the caller's organization and mode; 404 otherwise."""
    p = actor.require()
    user = await repo.get_user(session, user_id)
    if user is None or user.organization_id != p.organization_id:
        raise NotFound("User not found")
    if user.livemode and not p.livemode:
        raise PermissionDenied(SANDBOX_REFUSED)
    if user.livemode != p.livemode:
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


async def _check_unique(
    session: AsyncSession,
    organization_id: str,
    *,
    username: str | None = None,
    email: str | None = None,
    except_id: str | None = None,
) -> None:
    if username is not None and await repo.username_taken(session, username, except_id):
        raise Conflict(f"Username {username!r} is taken")
    if email is not None and await repo.email_taken(
        session, organization_id, crypto.blind_index(email), except_id
    ):
        raise Conflict("A user with this email already exists in the organization")


async def get_all(
    session: AsyncSession,
    actor: Actor,
    *,
    limit: int,
    offset: int,
    email: str | None = None,
    username: str | None = None,
    role: str | None = None,
    status: str | None = None,
    sort: str = "created_at",
    order: str = "desc",
) -> Page:
    p = actor.require()
    rows, total = await repo.list_users(
        session,
        organization_id=p.organization_id,
        livemode=p.livemode,
        email_index=crypto.blind_index(email) if email else None,
        username=username,
        role=role,
        status=status,
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
    )
    return Page([to_dict(u) for u in rows], total, limit, offset)


async def get(session: AsyncSession, actor: Actor, user_id: str) -> dict[str, Any]:
    return to_dict(await get_or_raise(session, actor, user_id))


async def create(
    session: AsyncSession,
    actor: Actor,
    fields: dict[str, Any],
    *,
    organization_id: str | None = None,
    is_superuser: bool = False,
    password_hash: str | None = None,
) -> dict[str, Any]:
    """A new user in the caller's organization and mode.

    A platform operator (or the system) may name another organization: a new organization's
    first admin. Only the system (bootstrap) makes a superuser. A caller that hashed the password
    already (a batch, or before its transaction) passes the hash.
    """
    roles = list(fields.get("roles") or ["user"])
    p = actor.principal
    if p is not None and organization_id is not None and p.is_superuser and not is_superuser:
        livemode = True  # an operator seeding another organization's first admin
    elif p is not None:
        if organization_id is not None or is_superuser:
            raise PermissionDenied("Only the platform operator may do this")
        _check_roles(actor, roles)
        organization_id, livemode = p.organization_id, p.livemode
    elif organization_id is None:
        raise Invalid("An organization is required", field="organization_id")
    else:
        livemode = True
    # Hashed before the first statement: no connection (or SQLite write lock) is held meanwhile.
    if password_hash is None:
        password_hash = await hash_password(fields["password"])
    user = new_user(
        organization_id=organization_id,
        livemode=livemode,
        username=fields["username"],
        email=fields["email"],
        password_hash=password_hash,
        roles=roles,
        phone=fields.get("phone"),
        status=fields.get("status", "active"),
        is_superuser=is_superuser,
    )
    await _check_unique(session, organization_id, username=user.username, email=fields["email"])
    try:
        async with session.begin_nested():
            await add(session, user)
            await session.flush()  # a racing duplicate fails here, as a 409
    except IntegrityError as exc:
        broke = violation(exc)
        if broke == "unique":
            raise Conflict("Username or email is taken") from None
        if broke == "foreign_key" and violated_constraint(exc) in (
            None,  # SQLite names none; the plan of a new organization is looked up first there
            repo.USER_ORGANIZATION_FOREIGN_KEY,
        ):
            # A user's one foreign key: its organization was deleted meanwhile (by another
            # process, while a credential of it was still cached there).
            raise NotFound("Organization not found") from None
        raise  # another row of the unit (a new organization's plan): translate maps it
    await _announce(
        session, actor, user, "user.created", {"username": user.username, "roles": roles}
    )
    return to_dict(user)


async def update(
    session: AsyncSession, actor: Actor, user_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """PATCH semantics; PUT passes every replaceable field."""
    # Hashed before the first statement: no connection (or SQLite write lock) is held meanwhile.
    password_hash = await hash_password(changes["password"]) if changes.get("password") else None
    user = await get_or_raise(session, actor, user_id)
    check_can_manage(actor, user)
    if "roles" in changes:
        _check_roles(actor, changes["roles"], list(user.roles or []))
    await _check_unique(
        session,
        user.organization_id,
        username=changes.get("username") if changes.get("username") != user.username else None,
        email=changes.get("email"),
        except_id=user.id,
    )
    changed = _apply(user, changes, password_hash)
    user.updated_at = utcnow()
    try:
        async with session.begin_nested():
            await session.flush()  # a racing duplicate fails here, as a 409
    except IntegrityError as exc:
        if violation(exc) != "unique":
            raise  # not a duplicate (the flush writes the unit's other rows too)
        raise Conflict("Username or email is taken") from None
    if "status" in changed:
        if user.status != "active":
            await repo.revoke_sessions_of_user(session, user.id, utcnow(), "user_disabled")
        # Its access tokens and personal keys stop (or, re-enabled, its personal keys work again)
        # at once here, within 1 s elsewhere.
        forget_credentials(session)
    if "password" in changed:
        # A new password ends every credential the old one could have produced: the sessions,
        # and the personal keys (which a stolen session could have minted).
        await repo.revoke_sessions_of_user(session, user.id, utcnow(), "password_changed")
        await _revoke_personal_keys(session, actor, user, "owner_password_changed")
        forget_credentials(session)
    if "roles" in changed:
        forget_credentials(session)  # personal keys shrink to the new roles at once
    await _announce(session, actor, user, "user.updated", {"fields": changed})
    return to_dict(user)


def _apply(user: User, changes: dict[str, Any], password_hash: str | None) -> list[str]:
    """Set the changed fields; the names of those that changed."""
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
    if password_hash is not None:
        user.password_hash = password_hash
        changed.append("password")
    return changed


async def delete(session: AsyncSession, actor: Actor, user_id: str) -> None:
    user = await get_or_raise(session, actor, user_id)
    check_can_manage(actor, user)
    if user.id == actor.require().user_id:
        raise Conflict("A user cannot delete itself")
    await _announce(session, actor, user, "user.deleted", {"username": user.username})
    await _revoke_personal_keys(session, actor, user, "owner_deleted")
    await session.delete(user)
    forget_credentials(session)


async def _revoke_personal_keys(
    session: AsyncSession, actor: Actor, user: User, reason: str
) -> None:
    """A user's own keys end with them or their password (the organization's keys they created
    do not)."""
    for key in await repo.revoke_personal_keys(session, user.id, utcnow()):
        await audit.announce(
            session,
            actor,
            event="api_key.revoked",
            resource_type="api_key",
            resource_id=key.id,
            organization_id=key.organization_id,
            livemode=key.livemode,
            details={"reason": reason, "user_id": user.id},
            payload={"key_id": key.id, "name": key.name},
        )


async def unlock(session: AsyncSession, actor: Actor, user_id: str) -> dict[str, Any]:
    user = await get_or_raise(session, actor, user_id)
    if not actor.require().is_admin:
        raise PermissionDenied("Only an admin may unlock users")
    check_can_manage(actor, user)
    user.locked_until = None
    user.failed_logins = 0
    user.first_failed_at = None
    user.updated_at = utcnow()
    await session.flush()
    await _announce(session, actor, user, "user.unlocked", {})
    return to_dict(user)


async def batch_create(
    session: AsyncSession, actor: Actor, items: list[dict[str, Any]]
) -> list[tuple[int, dict[str, Any] | CharterError]]:
    """Create each item in its own savepoint: one failure does not undo the others.

    Returns (index, user or the error it raised) per item, in order.
    """
    limit = runtime.current().settings.max_batch_items
    if len(items) > limit:
        raise Invalid(f"At most {limit} users per batch", field="body.users")
    # Every password is hashed before the first statement: on SQLite the transaction holds the
    # write lock from its first statement, and a hundred hashes take seconds.
    hashes = [await hash_password(item["password"]) for item in items]
    results: list[tuple[int, dict[str, Any] | CharterError]] = []
    for index, (item, password_hash) in enumerate(zip(items, hashes, strict=True)):
        try:
            async with session.begin_nested():
                user = await create(session, actor, item, password_hash=password_hash)
            results.append((index, user))
        except CharterError as error:
            results.append((index, error))
    return results


async def _announce(
    session: AsyncSession, actor: Actor, user: User, event: str, details: dict[str, Any]
) -> None:
    await audit.announce(
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


async def record_event(
    session: AsyncSession,
    actor: Actor,
    user: User | None,
    action: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Audit something that happened to a user (or to an unknown username: `user` None)."""
    await audit.record(
        session,
        actor,
        action=action,
        resource_type="user",
        resource_id=user.id if user else None,
        organization_id=user.organization_id if user else None,
        details=details or {},
        livemode=user.livemode if user else True,
    )
