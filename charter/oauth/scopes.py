"""Which scopes a client may ask for, which of them a user holds, and what a token's issuance
may still do now (never more than its client's allowance and its user's roles allow)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from charter.identity.roles import scopes_for_roles, within
from charter.oauth import clients
from charter.platform.errors import InvalidScope
from storage.models import OAuthClient, OAuthSession, User


def requested_scopes(client: OAuthClient, scope: str | None) -> list[str]:
    """The scopes asked for (the client's whole allowance when `scope` is absent)."""
    allowed = list(client.scopes or [])
    if scope is None or not scope.strip():
        return sorted(allowed)
    asked = scope.split()
    beyond = sorted(set(asked) - set(allowed))
    if beyond:
        raise InvalidScope(f"Scope beyond this client's allowance: {' '.join(beyond)}")
    return sorted(set(asked))


def held(scopes: Iterable[str], roles: Iterable[str] | None) -> list[str]:
    """The part of `scopes` a user with `roles` holds (OpenID scopes are not the API's and
    pass): what is granted, put in tokens and reported, never more than the user may do."""
    asked = frozenset(scopes)
    oidc = asked & frozenset(clients.OIDC_SCOPES)
    return sorted(within(asked - oidc, scopes_for_roles(roles)) | oidc)


def issuable(oauth_session: OAuthSession, client: OAuthClient, user: User | None) -> list[str]:
    """An issuance's scopes, within its client's allowance and what its user holds now."""
    scopes = set(oauth_session.scopes or []) & set(client.scopes or [])
    return held(scopes, user.roles) if user is not None else sorted(scopes)


def effective_scopes(
    claims: dict[str, Any], oauth_session: OAuthSession, client: OAuthClient, user: User | None
) -> frozenset[str]:
    """What the token may do now: its scope, within its issuance, its client's allowance as it
    is now, and (for a user's token) what the user holds now."""
    scopes = frozenset(str(claims.get("scope", "")).split())
    scopes &= frozenset(oauth_session.scopes or []) & frozenset(client.scopes or [])
    return frozenset(held(scopes, user.roles)) if user is not None else scopes
