"""Roles and the scopes they grant: the one place roles map to scopes."""

from __future__ import annotations

from collections.abc import Iterable

ROLE_SCOPES: dict[str, frozenset[str]] = {
    "admin": frozenset({"admin"}),
    "editor": frozenset(
        {
            "users:read",
            "organizations:read",
            "read:data",
            "write:data",
            "files:read",
            "files:write",
            "webhooks:read",
            "ingestion:read",
            "analytics:read",
            "grants:write",
        }
    ),
    "user": frozenset(
        {
            "users:read",
            "organizations:read",
            "read:data",
            "files:read",
            "analytics:read",
            "grants:write",
        }
    ),
}


def within(scopes: frozenset[str], held: frozenset[str]) -> frozenset[str]:
    """The part of `scopes` that a holder of `held` may exercise (`admin` holds every scope)."""
    return scopes if "admin" in held else scopes & held - {"admin"}


def scopes_for_roles(roles: Iterable[str] | None) -> frozenset[str]:
    scopes: set[str] = set()
    for role in roles or ():
        scopes |= ROLE_SCOPES.get(role, frozenset())
    return frozenset(scopes)
