"""The person at the authorization endpoint: signing in with their Charter username, password
and TOTP (a login session like `/v2/auth/login`'s, with its lockout), who is signed in, and the
decision they make on the consent page. Each function runs its own unit of work: the pages that
call them are not API operations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jwt

from charter.identity import sessions
from charter.identity.principals import Actor, Principal
from charter.oauth import authorization, authorize, grants
from charter.oauth.authorize import AuthorizationRequest
from charter.oauth.issuer import Issuer
from charter.platform import runtime
from charter.platform.clock import utcnow
from charter.platform.errors import CharterError
from storage.models import User
from storage.repositories import identity as identity_repo
from storage.repositories import oauth as repo


@dataclass(frozen=True)
class SignedIn:
    user_id: str
    username: str
    amr: list[str]
    auth_time: datetime
    roles: list[str]


def _actor(user: User, ip: str | None) -> Actor:
    principal = Principal(
        kind="user",
        id=user.id,
        organization_id=user.organization_id,
        user_id=user.id,
        scopes=frozenset(),
        livemode=user.livemode,
        is_superuser=False,
        plan="",
        requests_per_minute=None,
        requests_per_day=None,
    )
    return Actor(principal=principal, ip=ip)


async def sign_in(
    username: str, password: str, mfa_code: str | None, ip: str | None
) -> str | CharterError:
    """Check a person's password (and TOTP) and open a login session: its id, or the error
    (failed attempts are recorded and count toward the lockout either way)."""
    db = runtime.current().db
    async with db.read() as session:
        check = await sessions.check_password(session, username, password)
    async with db.transaction() as session:
        outcome = await sessions.attempt_login(
            session, Actor(principal=None, ip=ip), check, mfa_code=mfa_code or None
        )
    if isinstance(outcome, CharterError):
        return outcome
    # The login's session id rides in the access token just minted in this process.
    claims: dict[str, Any] = jwt.decode(
        outcome["access_token"], options={"verify_signature": False}
    )
    return str(claims["sid"])


async def signed_in(session_id: str | None) -> SignedIn | None:
    """Who the browser's login session belongs to, while it is valid and they are active."""
    if not session_id:
        return None
    async with runtime.current().db.read() as session:
        login = await identity_repo.get_session(session, session_id)
        user = await identity_repo.get_user(session, login.user_id) if login else None
    if login is None or user is None or user.status != "active":
        return None
    if login.revoked_at is not None or login.expires_at <= utcnow():
        return None
    return SignedIn(
        user.id, user.username, list(login.amr or ["pwd"]), login.created_at, list(user.roles or [])
    )


async def check(issuer: Issuer, params: dict[str, list[str]]) -> AuthorizationRequest:
    async with runtime.current().db.read() as session:
        return await authorize.check_request(session, issuer, params)


def for_user(request: AuthorizationRequest, who: SignedIn) -> AuthorizationRequest:
    """The request as this person may grant it: only the scopes they hold."""
    return authorize.for_user(request, who.roles)


async def consented(request: AuthorizationRequest, who: SignedIn) -> bool:
    """Did the user already allow this client every scope (they hold) it asks for now?"""
    async with runtime.current().db.read() as session:
        grant = await repo.get_grant(session, user_id=who.user_id, client_id=request.client.id)
    return grants.covers(grant, for_user(request, who).scopes)


async def allow(
    issuer: Issuer, request: AuthorizationRequest, who: SignedIn, ip: str | None
) -> str:
    """The user allows: remember the consent, issue a code; the redirect that carries it."""
    async with runtime.current().db.transaction() as session:
        user = await identity_repo.get_user(session, who.user_id)
        assert user is not None
        return await authorization.issue_code(
            session,
            _actor(user, ip),
            issuer,
            request,
            user,
            amr=who.amr,
            auth_time=who.auth_time,
        )
