from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error import OAuthError
from ...models.server_metadata import ServerMetadata
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/.well-known/oauth-authorization-server",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OAuthError | ServerMetadata:
    if response.status_code == 200:
        response_200 = ServerMetadata.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = OAuthError.from_dict(response.json())

        return response_4xx

    response_default = OAuthError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthError | ServerMetadata]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[OAuthError | ServerMetadata]:
    """Authorization server metadata

     RFC 8414 metadata, the same document as OpenID Connect Discovery's
    (`/oauth/.well-known/openid-configuration`) and as RFC 8414's own location for the issuer
    `<public base URL>/oauth`, `/.well-known/oauth-authorization-server/oauth`. The issuer is
    `CHARTER_PUBLIC_URL` (or the request's origin in development) followed by `/oauth`; in
    production without `CHARTER_PUBLIC_URL` this, the token and introspection endpoints and
    the authorization pages answer 503 `temporarily_unavailable` rather than take the
    issuer from the caller's Host header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | ServerMetadata]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ServerMetadata:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(ServerMetadata, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ServerMetadata:
    """Authorization server metadata

     RFC 8414 metadata, the same document as OpenID Connect Discovery's
    (`/oauth/.well-known/openid-configuration`) and as RFC 8414's own location for the issuer
    `<public base URL>/oauth`, `/.well-known/oauth-authorization-server/oauth`. The issuer is
    `CHARTER_PUBLIC_URL` (or the request's origin in development) followed by `/oauth`; in
    production without `CHARTER_PUBLIC_URL` this, the token and introspection endpoints and
    the authorization pages answer 503 `temporarily_unavailable` rather than take the
    issuer from the caller's Host header.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ServerMetadata
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[OAuthError | ServerMetadata]:
    """Authorization server metadata

     RFC 8414 metadata, the same document as OpenID Connect Discovery's
    (`/oauth/.well-known/openid-configuration`) and as RFC 8414's own location for the issuer
    `<public base URL>/oauth`, `/.well-known/oauth-authorization-server/oauth`. The issuer is
    `CHARTER_PUBLIC_URL` (or the request's origin in development) followed by `/oauth`; in
    production without `CHARTER_PUBLIC_URL` this, the token and introspection endpoints and
    the authorization pages answer 503 `temporarily_unavailable` rather than take the
    issuer from the caller's Host header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | ServerMetadata]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ServerMetadata:
    """Authorization server metadata

     RFC 8414 metadata, the same document as OpenID Connect Discovery's
    (`/oauth/.well-known/openid-configuration`) and as RFC 8414's own location for the issuer
    `<public base URL>/oauth`, `/.well-known/oauth-authorization-server/oauth`. The issuer is
    `CHARTER_PUBLIC_URL` (or the request's origin in development) followed by `/oauth`; in
    production without `CHARTER_PUBLIC_URL` this, the token and introspection endpoints and
    the authorization pages answer 503 `temporarily_unavailable` rather than take the
    issuer from the caller's Host header.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ServerMetadata
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
