"""Client authentication at the token, revocation and introspection endpoints (RFC 6749 2.3.1):
client_secret_basic, client_secret_post, or a public client's bare id."""

from __future__ import annotations

import base64
import re
from typing import cast
from urllib.parse import unquote_plus

from sqlalchemy.ext.asyncio import AsyncSession

from charter.oauth import clients
from charter.platform.errors import InvalidClient, OAuthError
from storage.models import OAuthClient
from storage.repositories import oauth as repo

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _basic(authorization: str) -> tuple[str, str]:
    scheme, _, value = authorization.partition(" ")
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        raise _invalid_client("Malformed Basic credentials", basic=True) from None
    client_id, sep, secret = decoded.partition(":")
    client_id, secret = unquote_plus(client_id), unquote_plus(secret)
    # A control character is in no client_id or secret (and a NUL cannot be looked up).
    if not sep or _CONTROL.search(client_id) or _CONTROL.search(secret):
        raise _invalid_client("Malformed Basic credentials", basic=True)
    return client_id, secret


def _invalid_client(message: str, *, basic: bool) -> InvalidClient:
    # RFC 6749 5.2: a client that tried Basic gets a Basic challenge; one that authenticated in
    # the form (or not at all, or with a scheme this server has none of) gets none.
    headers = {"WWW-Authenticate": 'Basic realm="charter"'} if basic else {}
    return InvalidClient(message, headers=headers)


def is_basic(authorization: str | None) -> bool:
    return bool(authorization) and authorization.split(" ", 1)[0].lower() == "basic"  # type: ignore[union-attr]


async def authenticate_client(
    session: AsyncSession,
    *,
    authorization: str | None,
    client_id: str | None,
    client_secret: str | None,
) -> OAuthClient:
    """The calling client: client_secret_basic, client_secret_post, or a public client's id."""
    basic = is_basic(authorization)
    if basic:
        if client_secret is not None:
            raise OAuthError("Use one client authentication method, not Basic and a form secret")
        basic_id, secret = _basic(cast(str, authorization))
        if client_id is not None and client_id != basic_id:
            raise OAuthError("client_id does not match the Basic credentials")
        client_id, client_secret = basic_id, secret
    if not client_id:
        raise _invalid_client("Client authentication is required", basic=basic)
    client = await repo.get_client(session, client_id)
    if client is None:
        if client_secret:
            clients.hash_client_secret(client_secret)  # the same work as a known client
        raise _invalid_client("Unknown client or wrong secret", basic=basic)
    if client.client_type == "public":
        if client_secret:
            raise _invalid_client("A public client has no secret", basic=basic)
        return client
    if not client_secret or not clients.secret_matches(client, client_secret):
        raise _invalid_client("Unknown client or wrong secret", basic=basic)
    return client
