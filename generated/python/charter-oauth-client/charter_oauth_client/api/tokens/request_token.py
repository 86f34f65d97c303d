from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error import OAuthError
from ...models.token_request import TokenRequest
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: TokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/token",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OAuthError | TokenResponse:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = OAuthError.from_dict(response.json())

        return response_4xx

    response_default = OAuthError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthError | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> Response[OAuthError | TokenResponse]:
    """Token endpoint

     RFC 6749 section 3.2. `grant_type` `authorization_code` (with the PKCE `code_verifier`;
    a code is single use and lives 60 s, and presenting a used code again revokes the tokens it
    was exchanged for), `client_credentials` (seed 004 server to server: a token for the client's
    organization, no refresh token) or `refresh_token` (rotating: each refresh token is single use,
    and a used one presented again revokes the whole grant). Clients authenticate with HTTP Basic
    (`client_secret_basic`) or `client_id` and `client_secret` in the form (`client_secret_post`);
    public clients send only `client_id`. Access tokens are RFC 9068 JWTs signed RS256 (keys at
    `/oauth/jwks.json`); they work as `Authorization: Bearer` on every surface with their scopes
    and the tenancy of the user who authorized (or the client's organization). Only a JWT of
    this issuer (`iss`) typed `at+jwt` is accepted as Bearer: an ID token, signed with the same
    keys, never is. Answers and errors
    follow RFC 6749 5.1 and 5.2 with `Cache-Control: no-store`; its rate limit is its own class,
    counted per authenticated client (`CHARTER_OAUTH_TOKEN_RATE_LIMIT`).

    Args:
        body (TokenRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'grant_type': 'client_credentials', 'scope': 'users:read'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> TokenResponse:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(TokenResponse, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> TokenResponse:
    """Token endpoint

     RFC 6749 section 3.2. `grant_type` `authorization_code` (with the PKCE `code_verifier`;
    a code is single use and lives 60 s, and presenting a used code again revokes the tokens it
    was exchanged for), `client_credentials` (seed 004 server to server: a token for the client's
    organization, no refresh token) or `refresh_token` (rotating: each refresh token is single use,
    and a used one presented again revokes the whole grant). Clients authenticate with HTTP Basic
    (`client_secret_basic`) or `client_id` and `client_secret` in the form (`client_secret_post`);
    public clients send only `client_id`. Access tokens are RFC 9068 JWTs signed RS256 (keys at
    `/oauth/jwks.json`); they work as `Authorization: Bearer` on every surface with their scopes
    and the tenancy of the user who authorized (or the client's organization). Only a JWT of
    this issuer (`iss`) typed `at+jwt` is accepted as Bearer: an ID token, signed with the same
    keys, never is. Answers and errors
    follow RFC 6749 5.1 and 5.2 with `Cache-Control: no-store`; its rate limit is its own class,
    counted per authenticated client (`CHARTER_OAUTH_TOKEN_RATE_LIMIT`).

    Args:
        body (TokenRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'grant_type': 'client_credentials', 'scope': 'users:read'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenResponse
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> Response[OAuthError | TokenResponse]:
    """Token endpoint

     RFC 6749 section 3.2. `grant_type` `authorization_code` (with the PKCE `code_verifier`;
    a code is single use and lives 60 s, and presenting a used code again revokes the tokens it
    was exchanged for), `client_credentials` (seed 004 server to server: a token for the client's
    organization, no refresh token) or `refresh_token` (rotating: each refresh token is single use,
    and a used one presented again revokes the whole grant). Clients authenticate with HTTP Basic
    (`client_secret_basic`) or `client_id` and `client_secret` in the form (`client_secret_post`);
    public clients send only `client_id`. Access tokens are RFC 9068 JWTs signed RS256 (keys at
    `/oauth/jwks.json`); they work as `Authorization: Bearer` on every surface with their scopes
    and the tenancy of the user who authorized (or the client's organization). Only a JWT of
    this issuer (`iss`) typed `at+jwt` is accepted as Bearer: an ID token, signed with the same
    keys, never is. Answers and errors
    follow RFC 6749 5.1 and 5.2 with `Cache-Control: no-store`; its rate limit is its own class,
    counted per authenticated client (`CHARTER_OAUTH_TOKEN_RATE_LIMIT`).

    Args:
        body (TokenRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'grant_type': 'client_credentials', 'scope': 'users:read'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenRequest,
) -> TokenResponse:
    """Token endpoint

     RFC 6749 section 3.2. `grant_type` `authorization_code` (with the PKCE `code_verifier`;
    a code is single use and lives 60 s, and presenting a used code again revokes the tokens it
    was exchanged for), `client_credentials` (seed 004 server to server: a token for the client's
    organization, no refresh token) or `refresh_token` (rotating: each refresh token is single use,
    and a used one presented again revokes the whole grant). Clients authenticate with HTTP Basic
    (`client_secret_basic`) or `client_id` and `client_secret` in the form (`client_secret_post`);
    public clients send only `client_id`. Access tokens are RFC 9068 JWTs signed RS256 (keys at
    `/oauth/jwks.json`); they work as `Authorization: Bearer` on every surface with their scopes
    and the tenancy of the user who authorized (or the client's organization). Only a JWT of
    this issuer (`iss`) typed `at+jwt` is accepted as Bearer: an ID token, signed with the same
    keys, never is. Answers and errors
    follow RFC 6749 5.1 and 5.2 with `Cache-Control: no-store`; its rate limit is its own class,
    counted per authenticated client (`CHARTER_OAUTH_TOKEN_RATE_LIMIT`).

    Args:
        body (TokenRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'grant_type': 'client_credentials', 'scope': 'users:read'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenResponse
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
