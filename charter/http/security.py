"""Connexion security functions: the request's credential, already resolved by the pipeline,
checked against the operation's scopes and the key's IP ranges (`authorize`)."""

from __future__ import annotations

from typing import Any

from charter.http.state import RequestState
from charter.identity.principals import authorize, resolve
from charter.platform.errors import Unauthenticated
from charter.platform.spec import operation_index


async def _authenticate(token: str, request: Any) -> dict[str, Any]:
    state: RequestState = request.scope["charter"]
    if state.credential is not None and state.credential != token:
        # A request is judged by one credential (X-API-Key first), the one rate limits and
        # idempotency were applied to: a second one cannot rescue an invalid first.
        raise Unauthenticated("Send one credential: X-API-Key or Authorization, not both")
    if state.credential is not None:
        principal, reason = state.principal, state.auth_error
    else:
        principal, reason = await resolve(token)
    if principal is None:
        raise Unauthenticated(reason or "Invalid credentials")
    operation = state.operation
    if operation is None:
        # The spec-derived resolver and Connexion's router disagree: trust the router.
        routing = request.scope.get("extensions", {}).get("connexion_routing", {})
        operation_id = (routing.get("operation_id") or "").rsplit(".", 1)[-1]
        operation = operation_index().get((routing.get("api_base_path"), operation_id))
    authorize(principal, operation, state.client_ip)
    return {"sub": principal.id, "principal": principal, "scope": sorted(principal.scopes)}


async def api_key_info(apikey: str, request: Any) -> dict[str, Any]:
    """Connexion apiKey security function (X-API-Key)."""
    return await _authenticate(apikey.strip(), request)


async def bearer_info(token: str, request: Any) -> dict[str, Any]:
    """Connexion bearer security function (API key or JWT)."""
    return await _authenticate(token.strip(), request)
