"""API keys: create, list, change, revoke, roll. Secrets are shown once and stored as SHA-256.

A key never carries a scope its creator lacks, and a sandbox (`sk_test_`) credential creates and
sees sandbox keys only.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta
from typing import Any

from charter import audit, runtime, users
from charter.clock import isoformat, new_id, utcnow
from charter.context import Actor
from charter.errors import Conflict, Invalid, NotFound, PermissionDenied
from charter.paging import Page
from charter.security import generate_api_key, hash_secret, key_cache
from charter.spec import scope_catalog
from storage import repositories as repo
from storage.models import ApiKey


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


def _get_or_raise(session, actor: Actor, key_id: str) -> ApiKey:
    # Live credentials manage both live and sandbox keys; sandbox credentials only sandbox ones.
    p = actor.require()
    key = repo.get_api_key(session, key_id)
    if key is None or key.organization_id != p.organization_id or (key.livemode and not p.livemode):
        raise NotFound("API key not found")
    return key


def _check_can_manage(session, actor: Actor, key: ApiKey) -> None:
    """A caller manages only keys whose powers and owner it could manage itself."""
    if key.is_superuser and not actor.require().is_superuser:
        raise PermissionDenied("Only a platform superuser may manage a superuser key")
    owner = repo.get_user(session, key.user_id) if key.user_id else None
    if owner is not None:
        users.check_can_manage(actor, owner)


def _check_scopes(actor: Actor, scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(scope_catalog()))
    if unknown:
        raise Invalid(f"Unknown scope(s): {', '.join(unknown)}", field="body.scopes")
    p = actor.require()
    if not p.has_scopes(tuple(scopes)):
        missing = ", ".join(sorted(set(scopes) - p.scopes))
        raise PermissionDenied(f"A key cannot carry scopes its creator lacks: {missing}")
    return sorted(set(scopes))


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


def get_all(actor: Actor, *, limit: int, offset: int) -> Page:
    p = actor.require()
    with runtime.current().db.transaction() as session:
        rows, total = repo.list_api_keys(
            session,
            organization_id=p.organization_id,
            livemode=None if p.livemode else False,  # live credentials see sandbox keys too
            limit=limit,
            offset=offset,
        )
        return Page([to_dict(k) for k in rows], total, limit, offset)


def get(actor: Actor, key_id: str) -> dict[str, Any]:
    with runtime.current().db.transaction() as session:
        return to_dict(_get_or_raise(session, actor, key_id))


def create(
    actor: Actor,
    *,
    name: str,
    scopes: list[str],
    ip_ranges: list[str] | None = None,
    expires_at: datetime | None = None,
    mode: str | None = None,
) -> tuple[dict[str, Any], str]:
    """Create a key; returns (key, secret). The secret is never retrievable again."""
    p = actor.require()
    scopes = _check_scopes(actor, scopes)
    ranges = _check_ip_ranges(ip_ranges or [])
    livemode = p.livemode if mode is None else mode == "live"
    if livemode and not p.livemode:
        raise PermissionDenied("A sandbox credential can only create sandbox (sk_test_) keys")
    if expires_at is not None and expires_at <= utcnow():
        raise Invalid("Expiry must be in the future", field="body.expires_at")
    secret = generate_api_key(livemode=livemode)
    with runtime.current().db.transaction() as session:
        key = repo.add(
            session,
            ApiKey(
                id=new_id("key"),
                organization_id=p.organization_id,
                user_id=p.user_id,
                livemode=livemode,
                name=name,
                key_hash=hash_secret(secret),
                last4=secret[-4:],
                scopes=scopes,
                ip_ranges=ranges,
                is_superuser=False,
                expires_at=expires_at,
                created_by=p.id,
                created_at=utcnow(),
            ),
        )
        _announce(session, actor, key, "api_key.created", {"name": name, "scopes": scopes})
        return to_dict(key), secret


def update(actor: Actor, key_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    with runtime.current().db.transaction() as session:
        key = _get_or_raise(session, actor, key_id)
        _check_can_manage(session, actor, key)
        if key.revoked_at is not None:
            raise Conflict("A revoked key cannot be changed")
        if "name" in changes:
            key.name = changes["name"]
        if "scopes" in changes:
            key.scopes = _check_scopes(actor, changes["scopes"])
        if "ip_ranges" in changes:
            key.ip_ranges = _check_ip_ranges(changes["ip_ranges"])
        session.flush()
        _announce(session, actor, key, "api_key.updated", {"fields": sorted(changes)})
    key_cache.clear()  # scope and IP changes apply at once in this process, within 1 s elsewhere
    return to_dict(key)


def revoke(actor: Actor, key_id: str) -> None:
    with runtime.current().db.transaction() as session:
        key = _get_or_raise(session, actor, key_id)
        _check_can_manage(session, actor, key)
        if key.revoked_at is None:
            key.revoked_at = utcnow()
            _announce(session, actor, key, "api_key.revoked", {})
    key_cache.clear()


def roll(actor: Actor, key_id: str, *, grace_seconds: int) -> tuple[dict[str, Any], str]:
    """Issue a new secret with the same settings; the old one works for `grace_seconds` more."""
    now = utcnow()
    with runtime.current().db.transaction() as session:
        old = _get_or_raise(session, actor, key_id)
        _check_can_manage(session, actor, old)
        if old.revoked_at is not None or (old.expires_at is not None and old.expires_at <= now):
            raise Conflict("Only a live key can be rolled")
        secret = generate_api_key(livemode=old.livemode)
        new = repo.add(
            session,
            ApiKey(
                id=new_id("key"),
                organization_id=old.organization_id,
                user_id=actor.require().user_id,  # the new secret belongs to whoever rolled it
                livemode=old.livemode,
                name=old.name,
                key_hash=hash_secret(secret),
                last4=secret[-4:],
                scopes=list(old.scopes or []),
                ip_ranges=list(old.ip_ranges or []),
                is_superuser=old.is_superuser,
                expires_at=old.expires_at,
                created_by=actor.require().id,
                created_at=now,
            ),
        )
        cutoff = now + timedelta(seconds=grace_seconds)
        if grace_seconds == 0:
            old.revoked_at = now
        elif old.expires_at is None or old.expires_at > cutoff:
            old.expires_at = cutoff
        _announce(
            session,
            actor,
            old,
            "api_key.rolled",
            {"new_key_id": new.id, "grace_seconds": grace_seconds},
        )
        result = to_dict(new)
    key_cache.clear()
    return result, secret


def note_use_from_ip(key_id: str, ip: str | None) -> None:
    """Record the address a key was last used from; audit when it changes."""
    if ip is None:
        return
    with runtime.current().db.transaction() as session:
        key = repo.get_api_key(session, key_id)
        if key is None or key.last_used_ip == ip:
            return
        previous = key.last_used_ip
        key.last_used_ip = ip
        audit.record(
            session,
            Actor(principal=None, ip=ip),
            action="api_key.used_from_new_ip",
            resource_type="api_key",
            resource_id=key.id,
            organization_id=key.organization_id,
            details={"previous_ip": previous, "ip": ip},
            livemode=key.livemode,
        )


def _announce(session, actor: Actor, key: ApiKey, event: str, details: dict) -> None:
    audit.announce(
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
