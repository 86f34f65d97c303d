"""Organizations: the tenants. Rules for who may see and change which organization live here."""

from __future__ import annotations

from typing import Any

from charter import audit, runtime
from charter.clock import isoformat, new_id, utcnow
from charter.context import Actor
from charter.errors import Conflict, Invalid, NotFound, PermissionDenied
from charter.paging import Page
from storage import repositories as repo
from storage.models import Organization


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


def _get_or_raise(session, actor: Actor, organization_id: str) -> Organization:
    # Another tenant's id answers exactly like a missing one: 404, never 403.
    org = (
        repo.get_organization(session, organization_id)
        if _visible(actor, organization_id)
        else None
    )
    if org is None:
        raise NotFound("Organization not found")
    return org


def _require_superuser(actor: Actor, what: str) -> None:
    if actor.principal is None or not actor.principal.is_superuser:
        raise PermissionDenied(f"Only a platform superuser may {what}")


def get_all(actor: Actor, *, limit: int, offset: int) -> Page:
    p = actor.principal
    only = None if p is not None and p.is_superuser else (p.organization_id if p else "")
    with runtime.current().db.transaction() as session:
        rows, total = repo.list_organizations(session, only_id=only, limit=limit, offset=offset)
        return Page([to_dict(r) for r in rows], total, limit, offset)


def get(actor: Actor, organization_id: str) -> dict[str, Any]:
    with runtime.current().db.transaction() as session:
        return to_dict(_get_or_raise(session, actor, organization_id))


def _check_plan(session, plan: str) -> None:
    if repo.get_plan(session, plan) is None:
        raise Invalid(f"Unknown plan {plan!r}", field="body.plan")


def create(actor: Actor, *, name: str, plan: str = "free") -> dict[str, Any]:
    _require_superuser(actor, "create organizations")
    now = utcnow()
    with runtime.current().db.transaction() as session:
        _check_plan(session, plan)
        org = repo.add(
            session,
            Organization(
                id=new_id("org"), name=name.strip(), plan=plan, created_at=now, updated_at=now
            ),
        )
        _announce(session, actor, org, "organization.created", {"name": org.name, "plan": plan})
        return to_dict(org)


def update(actor: Actor, organization_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Apply `changes` (name, plan); PUT passes both, PATCH what was sent."""
    with runtime.current().db.transaction() as session:
        org = _get_or_raise(session, actor, organization_id)
        applied: dict[str, Any] = {}
        if "plan" in changes and changes["plan"] != org.plan:
            _require_superuser(actor, "change an organization's plan")
            _check_plan(session, changes["plan"])
            applied["plan"] = {"from": org.plan, "to": changes["plan"]}
            org.plan = changes["plan"]
        if "name" in changes and changes["name"].strip() != org.name:
            applied["name"] = {"from": org.name, "to": changes["name"].strip()}
            org.name = changes["name"].strip()
        if applied:
            org.updated_at = utcnow()
            session.flush()
            _announce(session, actor, org, "organization.updated", applied)
        return to_dict(org)


def delete(actor: Actor, organization_id: str) -> None:
    with runtime.current().db.transaction() as session:
        org = _get_or_raise(session, actor, organization_id)
        _require_superuser(actor, "delete organizations")
        if actor.principal.organization_id == org.id:
            raise Conflict("An organization cannot be deleted with one of its own credentials")
        snapshot = to_dict(org)
        repo.delete_organization(session, org)
        _announce(session, actor, org, "organization.deleted", snapshot)


def _announce(session, actor: Actor, org: Organization, event: str, details: dict) -> None:
    audit.announce(
        session,
        actor,
        event=event,
        resource_type="organization",
        resource_id=org.id,
        organization_id=org.id,
        details=details,
        payload={"organization": to_dict(org)},
    )
