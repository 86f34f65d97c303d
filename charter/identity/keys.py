"""API keys: create, list, change, revoke, roll. Secrets are shown once and stored as SHA-256.

A key never carries a scope its creator lacks, and a sandbox (`sk_test_`) credential creates and
sees sandbox keys only.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity import users
from charter.identity.principals import (
    Actor,
    forget_credentials,
    generate_api_key,
    hash_secret,
    require_scopes,
)
from charter.identity.roles import scopes_for_roles, within
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, Invalid, NotFound, PermissionDenied
from charter.platform.paging import Page
from charter.platform.spec import scope_catalog
from storage.models import ApiKey
from storage.repositories import identity as repo
from storage.repositories.common import add


def new_api_key(
    *,
    organization_id: str,
    user_id: str | None,
    livemode: bool,
    name: str,
    scopes: list[str],
    ip_ranges: list[str] | None = None,
    is_superuser: bool = False,
    expires_at: datetime | None = None,
    created_by: str | None = None,
    personal: bool = False,
) -> tuple[ApiKey, str]:
    """The one constructor of an API key: (row, secret). Only the row's hash of it is stored."""
    secret = generate_api_key(livemode=livemode)
    key = ApiKey(
        id=new_id("key"),
        organization_id=organization_id,
        user_id=user_id,
        livemode=livemode,
        name=name,
        key_hash=hash_secret(secret),
        last4=secret[-4:],
        scopes=sorted(set(scopes)),
        ip_ranges=list(ip_ranges or []),
        is_superuser=is_superuser,
        personal=personal,
        expires_at=expires_at,
        created_by=created_by,
        created_at=utcnow(),
    )
    return key, secret


def to_dict(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": "sk_live_" if key.livemode else "sk_test_",
        "last4": key.last4,
        "mode": "live" if key.livemode else "test",
        "scopes": list(key.scopes or []),
        "ip_ranges": list(key.ip_ranges or []),
        "expires_at": isoformat(key.expires_at),
        "revoked_at": isoformat(key.revoked_at),
        "last_used_at": isoformat(key.last_used_at),
        "created_at": isoformat(key.created_at),
    }


async def _get_or_raise(session: AsyncSession, actor: Actor, key_id: str) -> ApiKey:
    # Live credentials manage both live and sandbox keys; sandbox credentials only sandbox ones.
    p = actor.require()
    key = await repo.get_api_key(session, key_id)
    if key is None or key.organization_id != p.organization_id or (key.livemode and not p.livemode):
        raise NotFound("API key not found")
    return key


async def _check_can_manage(session: AsyncSession, actor: Actor, key: ApiKey) -> None:
    """A caller manages only keys whose powers and owner it could manage itself."""
    if key.is_superuser and not actor.require().is_superuser:
        raise PermissionDenied("Only a platform superuser may manage a superuser key")
    owner = await repo.get_user(session, key.user_id) if key.user_id else None
    if owner is not None:
        users.check_can_manage(actor, owner)


def _check_scopes(actor: Actor, scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(scope_catalog()))
    if unknown:
        raise Invalid(f"Unknown scope(s): {', '.join(unknown)}", field="body.scopes")
    if actor.principal is None:
        return sorted(set(scopes))  # the system (bootstrap) grants any catalogued scope
    p = actor.require()
    if not p.has_scopes(tuple(scopes)):
        missing = ", ".join(sorted(set(scopes) - p.scopes))
        raise PermissionDenied(f"A key cannot carry scopes its creator lacks: {missing}")
    return sorted(set(scopes))


async def _check_within_owner(session: AsyncSession, key: ApiKey) -> None:
    """A personal key's scopes stay within what its user holds (checked again at each use)."""
    owner = await repo.get_user(session, key.user_id) if key.personal and key.user_id else None
    if owner is None:
        return
    held = scopes_for_roles(owner.roles)
    if within(frozenset(key.scopes or ()), held) != frozenset(key.scopes or ()):
        extra = ", ".join(sorted(set(key.scopes or ()) - held))
        raise PermissionDenied(f"A personal key cannot carry scopes its user lacks: {extra}")


def _check_ip_ranges(ranges: list[str]) -> list[str]:
    normalised = []
    for index, item in enumerate(ranges):
        try:
            normalised.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise Invalid(
                f"{item!r} is not an IP address or CIDR range", field=f"body.ip_ranges.{index}"
            ) from None
    return normalised


async def get_all(
    session: AsyncSession,
    actor: Actor,
    *,
    limit: int,
    offset: int,
    sort: str = "created_at",
    order: str = "desc",
    mode: str | None = None,
    status: str | None = None,
    name: str | None = None,
) -> Page:
    """The organization's keys; live credentials see sandbox keys too, sandbox ones only those."""
    p = actor.require()
    livemode = {"live": True, "test": False}.get(mode or "") if p.livemode else False
    if not p.livemode and mode == "live":
        return Page([], 0, limit, offset)
    rows, total = await repo.list_api_keys(
        session,
        organization_id=p.organization_id,
        livemode=livemode,
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        status=status,
        name_prefix=name,
        now=utcnow(),
    )
    return Page([to_dict(k) for k in rows], total, limit, offset)


async def get(session: AsyncSession, actor: Actor, key_id: str) -> dict[str, Any]:
    return to_dict(await _get_or_raise(session, actor, key_id))


def _owner_and_mode(
    actor: Actor, owner: tuple[str, str] | None, mode: str | None, is_superuser: bool
) -> tuple[str, str | None, bool]:
    """A new key's (organization, user, livemode): the system names them; any other caller gets
    its own organization and user, in its own mode or, from a live credential, either."""
    if actor.principal is None:
        if owner is None:
            raise Invalid("An owner is required", field="owner")
        return owner[0], owner[1], mode != "test"
    p = actor.require()
    if owner is not None or is_superuser:
        raise PermissionDenied("Only the platform operator may do this")
    livemode = p.livemode if mode is None else mode == "live"
    if livemode and not p.livemode:
        raise PermissionDenied("A sandbox credential can only create sandbox (sk_test_) keys")
    return p.organization_id, p.user_id, livemode


async def create(
    session: AsyncSession,
    actor: Actor,
    *,
    name: str,
    scopes: list[str],
    ip_ranges: list[str] | None = None,
    expires_at: datetime | None = None,
    mode: str | None = None,
    owner: tuple[str, str] | None = None,
    is_superuser: bool = False,
    for_caller: bool = False,
) -> tuple[dict[str, Any], str]:
    """Create a key; returns (key, secret). The secret is never retrievable again.

    An organization's key by default (it needs `keys:write` and outlives its creator). With
    `for_caller`, a signed-in person gets a personal key instead: any user may make one, with
    scopes within their own (and never more than their roles allow at each use); it stops working
    while its user is disabled and is revoked when they are deleted or their password changes.
    Only the system names an (organization, user) owner or makes a superuser key (bootstrap).
    """
    p = actor.principal
    if for_caller and p is not None and p.personal:
        # Its expiry and IP ranges would not bind a key it made: only a signed-in person makes one.
        raise PermissionDenied(
            "A personal key cannot create keys: sign in (Authorization: Bearer) to create one"
        )
    personal = for_caller and p is not None and p.kind == "user"
    if p is not None and not personal:
        require_scopes(p, ("keys:write",))
    scopes = _check_scopes(actor, scopes)
    ranges = _check_ip_ranges(ip_ranges or [])
    if expires_at is not None and expires_at <= utcnow():
        raise Invalid("Expiry must be in the future", field="body.expires_at")
    organization_id, user_id, livemode = _owner_and_mode(actor, owner, mode, is_superuser)
    key, secret = new_api_key(
        organization_id=organization_id,
        user_id=user_id,
        livemode=livemode,
        name=name,
        scopes=scopes,
        ip_ranges=ranges,
        is_superuser=is_superuser,
        expires_at=expires_at,
        created_by=actor.actor_id,
        personal=personal,
    )
    await add(session, key)
    await _announce(session, actor, key, "api_key.created", {"name": name, "scopes": scopes})
    return to_dict(key), secret


async def update(
    session: AsyncSession, actor: Actor, key_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    key = await _get_or_raise(session, actor, key_id)
    await _check_can_manage(session, actor, key)
    if key.revoked_at is not None:
        raise Conflict("A revoked key cannot be changed")
    if "name" in changes:
        key.name = changes["name"]
    if "scopes" in changes:
        key.scopes = _check_scopes(actor, changes["scopes"])
        await _check_within_owner(session, key)
    if "ip_ranges" in changes:
        key.ip_ranges = _check_ip_ranges(changes["ip_ranges"])
    await session.flush()
    await _announce(session, actor, key, "api_key.updated", {"fields": sorted(changes)})
    forget_credentials(session)  # here at once and at commit; within 1 s elsewhere
    return to_dict(key)


async def revoke(session: AsyncSession, actor: Actor, key_id: str) -> None:
    """Revoke and remove the key: it answers 404 afterwards; the audit log keeps its history."""
    key = await _get_or_raise(session, actor, key_id)
    await _check_can_manage(session, actor, key)
    await _announce(session, actor, key, "api_key.revoked", {"removed": True, "last4": key.last4})
    await session.delete(key)
    forget_credentials(session)


async def roll(
    session: AsyncSession, actor: Actor, key_id: str, *, grace_seconds: int
) -> tuple[dict[str, Any], str]:
    """Issue a new secret with the same settings; the old one works for `grace_seconds` more."""
    now = utcnow()
    old = await _get_or_raise(session, actor, key_id)
    await _check_can_manage(session, actor, old)
    if old.revoked_at is not None or (old.expires_at is not None and old.expires_at <= now):
        raise Conflict("Only a live key can be rolled")
    new, secret = new_api_key(
        organization_id=old.organization_id,
        # A personal key stays its user's; an organization's key records who rolled it.
        user_id=old.user_id if old.personal else actor.require().user_id,
        livemode=old.livemode,
        name=old.name,
        scopes=list(old.scopes or []),
        ip_ranges=list(old.ip_ranges or []),
        is_superuser=old.is_superuser,
        expires_at=old.expires_at,
        created_by=actor.require().id,
        personal=old.personal,
    )
    await add(session, new)
    # The old key is revoked as of the end of its grace period (now, without one): it works
    # until then, and lists as revoked afterwards.
    cutoff = now + timedelta(seconds=grace_seconds)
    old.revoked_at = cutoff if old.expires_at is None else min(cutoff, old.expires_at)
    await _announce(
        session,
        actor,
        old,
        "api_key.rolled",
        {"new_key_id": new.id, "grace_seconds": grace_seconds},
    )
    forget_credentials(session)
    return to_dict(new), secret


async def note_use_from_ip(session: AsyncSession, key_id: str, ip: str | None) -> None:
    """Record the address a key was last used from; audit when it changes."""
    if ip is None:
        return
    key = await repo.get_api_key(session, key_id)
    if key is None or key.last_used_ip == ip:
        return
    previous = key.last_used_ip
    key.last_used_ip = ip
    await audit.record(
        session,
        Actor(principal=None, ip=ip),
        action="api_key.used_from_new_ip",
        resource_type="api_key",
        resource_id=key.id,
        organization_id=key.organization_id,
        details={"previous_ip": previous, "ip": ip},
        livemode=key.livemode,
    )


async def _announce(
    session: AsyncSession, actor: Actor, key: ApiKey, event: str, details: dict[str, Any]
) -> None:
    await audit.announce(
        session,
        actor,
        event=event,
        resource_type="api_key",
        resource_id=key.id,
        organization_id=key.organization_id,
        livemode=key.livemode,
        details=details,
        payload={"key_id": key.id, "name": key.name},
    )


# (key id, client ip) pairs already recorded by this process, so only a key's first request
# from an address costs a database round trip.
_recorded_addresses: dict[tuple[str, str | None], None] = {}


def is_new_address(key_id: str, ip: str | None) -> bool:
    """True the first time this process sees the key used from this address."""
    pair = (key_id, ip)
    if ip is None or pair in _recorded_addresses:
        return False
    if len(_recorded_addresses) > 100_000:
        _recorded_addresses.clear()
    _recorded_addresses[pair] = None
    return True
