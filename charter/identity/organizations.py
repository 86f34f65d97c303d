"""Organizations: the tenants. Rules for who may see and change which organization live here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity import users
from charter.identity.passwords import hash_password
from charter.identity.principals import Actor
from charter.platform import errors
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, Invalid, NotFound, PermissionDenied
from charter.platform.paging import Page
from storage.db import names_constraints
from storage.models import Organization
from storage.repositories import identity as repo
from storage.repositories.common import add


def new_organization(*, name: str, plan: str = "free") -> Organization:
    """The one constructor of an organization."""
    now = utcnow()
    return Organization(
        id=new_id("org"), name=name.strip(), plan=plan, created_at=now, updated_at=now
    )


def to_dict(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "plan": org.plan,
        "created_at": isoformat(org.created_at),
        "updated_at": isoformat(org.updated_at),
    }


def _visible(actor: Actor, organization_id: str) -> bool:
    p = actor.principal
    return p is not None and (p.is_superuser or p.organization_id == organization_id)


async def _get_or_raise(session: AsyncSession, actor: Actor, organization_id: str) -> Organization:
    # Another tenant's id answers exactly like a missing one: 404, never 403.
    org = (
        await repo.get_organization(session, organization_id)
        if _visible(actor, organization_id)
        else None
    )
    if org is None:
        raise NotFound("Organization not found")
    return org


def _require_superuser(actor: Actor, what: str) -> None:
    if actor.principal is None or not actor.principal.is_superuser:
        raise PermissionDenied(f"Only a platform superuser may {what}")


def _require_live(actor: Actor) -> None:
    """An organization's settings are live state: sandbox credentials never change them."""
    if actor.principal is not None and not actor.principal.livemode:
        raise PermissionDenied(users.SANDBOX_REFUSED)


async def get_all(
    session: AsyncSession,
    actor: Actor,
    *,
    limit: int,
    offset: int,
    sort: str = "created_at",
    order: str = "desc",
) -> Page:
    p = actor.principal
    only = None if p is not None and p.is_superuser else (p.organization_id if p else "")
    rows, total = await repo.list_organizations(
        session, only_id=only, limit=limit, offset=offset, sort=sort, order=order
    )
    return Page([to_dict(r) for r in rows], total, limit, offset)


async def get(session: AsyncSession, actor: Actor, organization_id: str) -> dict[str, Any]:
    org = (
        await repo.read_organization(session, organization_id)
        if _visible(actor, organization_id)
        else None
    )
    if org is None:
        raise NotFound("Organization not found")
    return to_dict(org)


async def check_plan(session: AsyncSession, plan: str, field: str = "body.plan") -> None:
    if await repo.get_plan(session, plan) is None:
        raise _unknown_plan(field)


def _unknown_plan(field: str = "body.plan") -> Invalid:
    # The same words whether the lookup or the foreign key found it (the field names the plan).
    return Invalid("Unknown plan", field=field)


# A new organization's plan is checked by its foreign key where the database names it: the
# create's one round trip is its write (charter.http.rendering maps the violation to this).
errors.CONSTRAINT_ERRORS[repo.PLAN_FOREIGN_KEY] = _unknown_plan


async def create(
    session: AsyncSession,
    actor: Actor,
    *,
    name: str,
    plan: str = "free",
    admin: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A new organization (platform operators and the system only), with its first admin (a
    tenant admin, never a superuser) when `admin` is given, in the caller's transaction."""
    if actor.principal is not None:
        _require_superuser(actor, "create organizations")
        _require_live(actor)
    # Hashed before the first statement: no connection (or SQLite write lock) is held meanwhile.
    password_hash = await hash_password(admin["password"]) if admin else None
    if not names_constraints(session):
        await check_plan(session, plan)  # SQLite: looked up first (see CONSTRAINT_ERRORS above)
    org = await add(session, new_organization(name=name, plan=plan))
    await _announce(session, actor, org, "organization.created", {"name": org.name, "plan": plan})
    created = to_dict(org)
    if admin is not None:
        fields = {"username": admin["username"], "email": admin["email"], "roles": ["admin"]}
        created["admin"] = await users.create(
            session, actor, fields, organization_id=org.id, password_hash=password_hash
        )
    return created


async def update(
    session: AsyncSession, actor: Actor, organization_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Apply `changes` (name, plan); PUT passes both, PATCH what was sent."""
    org = await _get_or_raise(session, actor, organization_id)
    _require_live(actor)
    applied: dict[str, Any] = {}
    if "plan" in changes and changes["plan"] != org.plan:
        _require_superuser(actor, "change an organization's plan")
        await check_plan(session, changes["plan"])
        applied["plan"] = {"from": org.plan, "to": changes["plan"]}
        org.plan = changes["plan"]
    if "name" in changes and changes["name"].strip() != org.name:
        applied["name"] = {"from": org.name, "to": changes["name"].strip()}
        org.name = changes["name"].strip()
    if applied:
        org.updated_at = utcnow()
        await session.flush()
        await _announce(session, actor, org, "organization.updated", applied)
    return to_dict(org)


async def delete(session: AsyncSession, actor: Actor, organization_id: str) -> None:
    org = await _get_or_raise(session, actor, organization_id)
    _require_live(actor)
    _require_superuser(actor, "delete organizations")
    if actor.require().organization_id == org.id:
        raise Conflict("An organization cannot be deleted with one of its own credentials")
    snapshot = to_dict(org)
    await repo.delete_organization(session, org)
    await _announce(session, actor, org, "organization.deleted", snapshot)


async def _announce(
    session: AsyncSession, actor: Actor, org: Organization, event: str, details: dict[str, Any]
) -> None:
    await audit.announce(
        session,
        actor,
        event=event,
        resource_type="organization",
        resource_id=org.id,
        organization_id=org.id,
        details=details,
        payload={"organization": to_dict(org)},
    )
