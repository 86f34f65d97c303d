"""The authorization request (RFC 6749 4.1.1, RFC 7636, OpenID Connect's `nonce`), checked in
two stages as RFC 6749 4.1.2.1 asks: an unknown client or a redirect URI that does not match is
shown to the user (`PageError`) and never redirected; every later error, a malformed parameter
(repeated, or holding a control character) included, goes back to the client's redirect URI
(`RedirectError`), with `state` only when it is itself valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from sqlalchemy.ext.asyncio import AsyncSession

from charter.oauth.issuer import Issuer, audience
from charter.oauth.scopes import held, requested_scopes
from charter.platform.errors import InvalidScope, OAuthError
from storage.models import OAuthClient
from storage.repositories import oauth as repo

PKCE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


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


# Control characters (C0, DEL, C1): never part of a valid parameter (RFC 6749 Appendix A's
# VSCHAR and NQCHAR exclude them), and a NUL cannot even be looked up in PostgreSQL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_REDIRECTED = (
    "response_type",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "nonce",
    "resource",
    "prompt",
)

# What a code keeps of the request, as long as its columns hold.
_LIMITS = {"nonce": 512, "resource": 2048}


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise ValueError(name)
    return values[0] if values else None


def _client_parameter(params: dict[str, list[str]], name: str) -> str | None:
    """client_id or redirect_uri: any fault in them is shown on the page, never redirected."""
    try:
        value = _single(params, name)
    except ValueError:
        raise PageError(f"The parameter {name} is repeated") from None
    if value is not None and _CONTROL.search(value):
        raise PageError(f"The parameter {name} contains a control character")
    return value


async def _client_and_redirect(
    session: AsyncSession, params: dict[str, list[str]]
) -> tuple[OAuthClient, str, bool]:
    """The client, the redirect URI to answer at and whether the request named it; PageError
    for an unknown client or a redirect URI that does not match (RFC 6749 4.1.2.1)."""
    client_id = _client_parameter(params, "client_id")
    redirect_uri = _client_parameter(params, "redirect_uri")
    client = await repo.get_client(session, client_id) if client_id else None
    if client is None:
        raise PageError("Unknown client: this application is not registered")
    registered = list(client.redirect_uris or [])
    if redirect_uri is None:
        if len(registered) != 1:
            raise PageError("redirect_uri is required: the application registered several")
        return client, registered[0], False
    if redirect_uri not in registered:
        raise PageError("The redirect_uri does not match any registered for this application")
    return client, redirect_uri, True


def _redirected_values(params: dict[str, list[str]], fail: Any) -> dict[str, str | None]:
    """The parameters whose faults go back to the client: each at most once and free of control
    characters (in any parameter, known or not). `state` goes back with the error only when it
    is itself valid."""
    state_values = params.get("state") or []
    valid_state = (
        state_values[0] if len(state_values) == 1 and not _CONTROL.search(state_values[0]) else None
    )
    try:
        values = {name: _single(params, name) for name in _REDIRECTED}
    except ValueError as exc:
        raise fail("invalid_request", f"The parameter {exc} is repeated", valid_state) from None
    for name, given in params.items():
        if _CONTROL.search(name) or any(_CONTROL.search(v) for v in given):
            shown = name if not _CONTROL.search(name) else "name"
            raise fail(
                "invalid_request",
                f"The parameter {shown} contains a control character",
                valid_state,
            )
    return values


async def check_request(
    session: AsyncSession, issuer: Issuer, params: dict[str, list[str]]
) -> AuthorizationRequest:
    """Validate an authorization request (query parameters, each at most once)."""
    client, redirect_uri, redirect_uri_sent = await _client_and_redirect(session, params)

    def fail(error: str, description: str, state: str | None = None) -> RedirectError:
        return RedirectError(redirect_uri, error, description, state, issuer.issuer)

    values = _redirected_values(params, fail)
    state = values["state"]
    for name, limit in _LIMITS.items():
        if len(values[name] or "") > limit:
            raise fail("invalid_request", f"{name} is longer than {limit} characters", state)
    if values["response_type"] != "code":
        error = "invalid_request" if not values["response_type"] else "unsupported_response_type"
        raise fail(
            error, "Only the authorization code flow (response_type=code) is supported", state
        )
    if "authorization_code" not in (client.grant_types or []):
        raise fail("unauthorized_client", "This client may not use the code flow", state)
    try:
        scopes = requested_scopes(client, values["scope"])
    except InvalidScope as exc:
        raise fail("invalid_scope", exc.message, state) from None
    challenge = _challenge(client, values, fail, state)
    try:
        resource = values["resource"]
        if resource is not None:
            audience(issuer, resource)
    except OAuthError as exc:
        raise fail("invalid_target", exc.message, state) from None
    prompt = set((values["prompt"] or "").split())
    if "none" in prompt and len(prompt) > 1:  # OpenID Connect Core 3.1.2.1
        raise fail("invalid_request", "prompt=none cannot be combined with other values", state)
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


def _challenge(
    client: OAuthClient, values: dict[str, str | None], fail: Any, state: str | None
) -> str | None:
    """RFC 7636: the PKCE code_challenge (S256 only; required of public clients)."""
    challenge, method = values["code_challenge"], values["code_challenge_method"]
    if challenge is None:
        if client.client_type == "public":
            raise fail("invalid_request", "A public client must send a PKCE code_challenge", state)
        if method is not None:
            raise fail("invalid_request", "code_challenge_method without code_challenge", state)
        return None
    if method != "S256":
        raise fail(
            "invalid_request", "code_challenge_method must be S256 (plain is refused)", state
        )
    if not PKCE.fullmatch(challenge):
        raise fail("invalid_request", "Malformed code_challenge", state)
    return challenge


def for_user(request: AuthorizationRequest, roles: list[str] | None) -> AuthorizationRequest:
    """The request with its scopes cut to what the authorizing user holds: what the consent page
    shows, the grant remembers and the code and its tokens carry."""
    return replace(request, scopes=held(request.scopes, roles))


def denied(issuer: Issuer, request: AuthorizationRequest) -> str:
    params = {"error": "access_denied", "error_description": "The user denied the request"}
    return with_query(request.redirect_uri, params, request.state, issuer.issuer)
