"""The authorization code flow with PKCE (RFC 6749 4.1, RFC 7636), OpenID Connect ID tokens and
UserInfo, and the token endpoint's dispatch over grant types.

`check_request` validates an authorization request in two stages, as RFC 6749 4.1.2.1 asks: an
unknown client or a redirect URI that does not match is shown to the user (`PageError`) and
never redirected; every later error goes back to the client's redirect URI. A code is single
use and lives `CODE_SECONDS`; presenting it again revokes the tokens it was exchanged for.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.identity.principals import Actor, forget_credentials
from charter.oauth import grants, keys, tokens
from charter.oauth.tokens import Issuer
from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.errors import (
    CharterError,
    InvalidGrant,
    InvalidScope,
    InvalidToken,
    OAuthError,
    PermissionDenied,
    UnsupportedGrantType,
)
from storage.models import OAuthClient, OAuthCode, User
from storage.repositories import oauth as repo
from storage.repositories.common import add

CODE_SECONDS = 60
CODE_PREFIX = "oac_"
_PKCE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


class PageError(Exception):
    """An authorization request error shown on the page, never sent to a redirect URI."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class RedirectError(Exception):
    """An authorization request error sent back to the client's redirect URI (4.1.2.1)."""

    redirect_uri: str
    error: str
    description: str
    state: str | None
    issuer: str

    @property
    def location(self) -> str:
        params = {"error": self.error, "error_description": self.description}
        return with_query(self.redirect_uri, params, self.state, self.issuer)


@dataclass
class AuthorizationRequest:
    client: OAuthClient
    redirect_uri: str
    scopes: list[str]
    state: str | None
    code_challenge: str | None
    nonce: str | None
    resource: str | None
    prompt: set[str] = field(default_factory=set)
    redirect_uri_sent: bool = True  # RFC 6749 4.1.3: then the token request must repeat it


def with_query(uri: str, params: dict[str, str], state: str | None, issuer: str) -> str:
    """`uri` with `params`, `state` and RFC 9207's `iss` added to its query."""
    query = dict(params)
    if state is not None:
        query["state"] = state
    query["iss"] = issuer
    parts = urlsplit(uri)
    joined = (parts.query + "&" if parts.query else "") + urlencode(query)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise ValueError(name)
    return values[0] if values else None


async def check_request(
    session: AsyncSession, issuer: Issuer, params: dict[str, list[str]]
) -> AuthorizationRequest:
    """Validate an authorization request (query parameters, each at most once)."""
    try:
        client_id = _single(params, "client_id")
        redirect_uri = _single(params, "redirect_uri")
    except ValueError as exc:
        raise PageError(f"The parameter {exc} is repeated") from None
    client = await repo.get_client(session, client_id) if client_id else None
    if client is None:
        raise PageError("Unknown client: this application is not registered")
    registered = list(client.redirect_uris or [])
    redirect_uri_sent = redirect_uri is not None
    if redirect_uri is None:
        if len(registered) != 1:
            raise PageError("redirect_uri is required: the application registered several")
        redirect_uri = registered[0]
    elif redirect_uri not in registered:
        raise PageError("The redirect_uri does not match any registered for this application")

    def fail(error: str, description: str, state: str | None = None) -> RedirectError:
        return RedirectError(redirect_uri, error, description, state, issuer.issuer)

    try:
        values = {
            name: _single(params, name)
            for name in (
                "response_type",
                "scope",
                "state",
                "code_challenge",
                "code_challenge_method",
                "nonce",
                "resource",
                "prompt",
            )
        }
    except ValueError as exc:
        raise fail("invalid_request", f"The parameter {exc} is repeated") from None
    state = values["state"]
    if values["response_type"] != "code":
        error = "invalid_request" if not values["response_type"] else "unsupported_response_type"
        raise fail(
            error, "Only the authorization code flow (response_type=code) is supported", state
        )
    if "authorization_code" not in (client.grant_types or []):
        raise fail("unauthorized_client", "This client may not use the code flow", state)
    try:
        scopes = tokens.requested_scopes(client, values["scope"])
    except InvalidScope as exc:
        raise fail("invalid_scope", exc.message, state) from None
    challenge, method = values["code_challenge"], values["code_challenge_method"]
    if challenge is None:
        if client.client_type == "public":
            raise fail("invalid_request", "A public client must send a PKCE code_challenge", state)
        if method is not None:
            raise fail("invalid_request", "code_challenge_method without code_challenge", state)
    else:
        if method != "S256":
            raise fail(
                "invalid_request", "code_challenge_method must be S256 (plain is refused)", state
            )
        if not _PKCE.fullmatch(challenge):
            raise fail("invalid_request", "Malformed code_challenge", state)
    try:
        resource = values["resource"]
        if resource is not None:
            tokens.audience(issuer, resource)
    except OAuthError as exc:
        raise fail("invalid_target", exc.message, state) from None
    prompt = set((values["prompt"] or "").split())
    return AuthorizationRequest(
        client=client,
        redirect_uri=redirect_uri,
        scopes=scopes,
        state=state,
        code_challenge=challenge,
        nonce=values["nonce"],
        resource=resource,
        prompt=prompt,
        redirect_uri_sent=redirect_uri_sent,
    )


def for_user(request: AuthorizationRequest, roles: list[str] | None) -> AuthorizationRequest:
    """The request with its scopes cut to what the authorizing user holds: what the consent page
    shows, the grant remembers and the code and its tokens carry."""
    return replace(request, scopes=tokens.held(request.scopes, roles))


async def issue_code(
    session: AsyncSession,
    actor: Actor,
    issuer: Issuer,
    request: AuthorizationRequest,
    user: User,
    *,
    amr: list[str],
    auth_time: datetime,
) -> str:
    """Remember the consent, issue a code, and return the redirect that carries it."""
    if user.organization_id != request.client.organization_id:
        # A client acts within its own organization: its users are the ones who may authorize.
        raise PermissionDenied("This application belongs to another organization")
    request = for_user(request, user.roles)
    await grants.remember(session, actor, user, request.client, request.scopes)
    code = CODE_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    await add(
        session,
        OAuthCode(
            id=new_id("cod"),
            code_hash=tokens.hash_token(code),
            client_id=request.client.id,
            user_id=user.id,
            redirect_uri=request.redirect_uri,
            redirect_uri_sent=request.redirect_uri_sent,
            scopes=request.scopes,
            code_challenge=request.code_challenge,
            nonce=request.nonce,
            resource=request.resource,
            auth_time=auth_time,
            amr=amr,
            created_at=now,
            expires_at=now + timedelta(seconds=CODE_SECONDS),
            used_at=None,
        ),
    )
    return with_query(request.redirect_uri, {"code": code}, request.state, issuer.issuer)


def denied(issuer: Issuer, request: AuthorizationRequest) -> str:
    params = {"error": "access_denied", "error_description": "The user denied the request"}
    return with_query(request.redirect_uri, params, request.state, issuer.issuer)


def _pkce_matches(challenge: str, verifier: str | None) -> bool:
    if verifier is None or not _PKCE.fullmatch(verifier):
        return False
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return hmac.compare_digest(computed, challenge)


async def exchange_code(
    session: AsyncSession,
    actor: Actor,
    issuer: Issuer,
    client: OAuthClient,
    *,
    code: str | None,
    redirect_uri: str | None,
    code_verifier: str | None,
) -> dict[str, Any] | CharterError:
    """Exchange a code for tokens, or the error to raise once the unit has committed (a replay
    revokes what the code issued, and that must be kept)."""
    tokens.check_grant_type(client, "authorization_code")
    if not code:
        return OAuthError("code is required", field="body.code")
    now = utcnow()
    row = await repo.get_code_by_hash(session, tokens.hash_token(code))
    if row is None or row.client_id != client.id:
        return InvalidGrant("Unknown authorization code")
    if row.used_at is not None or not await repo.claim_code(session, row.id, now):
        return await _replayed(session, actor, row)
    if row.expires_at <= now:
        return InvalidGrant("The authorization code has expired")
    if redirect_uri is None and row.redirect_uri_sent:
        return InvalidGrant("redirect_uri is required: the authorization request included it")
    if redirect_uri is not None and redirect_uri != row.redirect_uri:
        return InvalidGrant("redirect_uri differs from the authorization request's")
    if row.code_challenge is not None:
        if not _pkce_matches(row.code_challenge, code_verifier):
            return InvalidGrant("The PKCE code_verifier is missing or does not match")
    elif code_verifier is not None:
        return InvalidGrant("code_verifier sent for a request without code_challenge")
    user = await session.get(User, row.user_id)
    if user is None or user.status != "active":
        return InvalidGrant("The user who authorized this code is not active")
    # The user may have revoked the grant since the code was issued: then it is void. Locked, so
    # a revocation racing this exchange waits for it and revokes what it issued.
    grant = await repo.get_grant(session, user_id=row.user_id, client_id=client.id, for_update=True)
    if not grants.covers(grant, list(row.scopes or [])):
        return InvalidGrant("The user revoked this application's access")
    settings = runtime.current().settings
    with_refresh = "refresh_token" in (client.grant_types or [])
    lifetime = (
        timedelta(days=settings.oauth_refresh_token_days)
        if with_refresh
        else timedelta(seconds=settings.oauth_access_token_seconds)
    )
    scopes = tokens.held(row.scopes or [], user.roles)
    oauth_session = await tokens.open_session(
        session,
        client=client,
        user=user,
        grant_type="authorization_code",
        scopes=scopes,
        aud=tokens.audience(issuer, row.resource),
        lifetime=lifetime,
    )
    row.session_id = oauth_session.id
    refresh = await tokens.new_refresh_token(session, oauth_session, None) if with_refresh else None
    body = await tokens.token_response(issuer, oauth_session, scopes, user, refresh)
    if "openid" in scopes:
        body["id_token"] = await id_token(issuer, client, user, row)
    return body


async def _replayed(session: AsyncSession, actor: Actor, row: OAuthCode) -> CharterError:
    """RFC 6749 4.1.2: a code used twice revokes the tokens issued for it."""
    oauth_session = await repo.get_session(session, row.session_id) if row.session_id else None
    if oauth_session is not None and oauth_session.revoked_at is None:
        oauth_session.revoked_at, oauth_session.revoked_reason = utcnow(), "code_replay"
        await audit.record(
            session,
            actor,
            action="oauth.code_replay_detected",
            resource_type="oauth_session",
            resource_id=oauth_session.id,
            organization_id=oauth_session.organization_id,
            details={"client_id": row.client_id},
            livemode=oauth_session.livemode,
        )
        forget_credentials(session)
    return InvalidGrant("The authorization code was already used; its tokens are revoked")


async def id_token(issuer: Issuer, client: OAuthClient, user: User, row: OAuthCode) -> str:
    """OpenID Connect Core 2: signed RS256 for the client (`aud`), with the request's nonce."""
    kid, private = await keys.signing_key()
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer.issuer,
        "sub": user.id,
        "aud": client.id,
        "azp": client.id,
        "iat": now,
        "exp": now + runtime.current().settings.oauth_access_token_seconds,
        "auth_time": int(row.auth_time.timestamp()),
        "amr": list(row.amr or ["pwd"]),
    }
    if row.nonce is not None:
        claims["nonce"] = row.nonce
    scopes = set(row.scopes or [])
    claims.update(_profile_claims(user, scopes))
    return jwt.encode(claims, private, algorithm=keys.ALGORITHM, headers={"kid": kid})


def _profile_claims(user: User, scopes: set[str]) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    if "profile" in scopes:
        claims.update(preferred_username=user.username, name=user.username)
    if "email" in scopes:
        claims.update(email=crypto.decrypt(user.email_enc), email_verified=False)
    return claims


async def userinfo(session: AsyncSession, actor: Actor) -> dict[str, Any]:
    """OpenID Connect Core 5.3: the claims of the user an access token with `openid` acts for."""
    p = actor.require()
    if p.kind != "oauth" or p.user_id is None:
        raise InvalidToken("UserInfo needs a user's OAuth access token")
    if "openid" not in p.scopes:
        raise InvalidToken("This access token lacks the openid scope")
    user = await session.get(User, p.user_id)
    if user is None:
        raise InvalidToken()
    return {"sub": user.id, **_profile_claims(user, set(p.scopes))}


async def token(
    session: AsyncSession, actor: Actor, issuer: Issuer, client: OAuthClient, body: dict[str, Any]
) -> dict[str, Any] | CharterError:
    """The token endpoint's grants (RFC 6749 4.1.3, 4.4, 6)."""
    grant_type = body["grant_type"]
    if grant_type == "authorization_code":
        return await exchange_code(
            session,
            actor,
            issuer,
            client,
            code=body.get("code"),
            redirect_uri=body.get("redirect_uri"),
            code_verifier=body.get("code_verifier"),
        )
    if grant_type == "client_credentials":
        return await tokens.client_credentials(
            session, issuer, client, scope=body.get("scope"), resource=body.get("resource")
        )
    if grant_type == "refresh_token":
        if not body.get("refresh_token"):
            return OAuthError("refresh_token is required", field="body.refresh_token")
        return await tokens.refresh(
            session,
            actor,
            issuer,
            client,
            refresh_token=body["refresh_token"],
            scope=body.get("scope"),
        )
    raise UnsupportedGrantType(f"Unsupported grant_type {grant_type!r}")
