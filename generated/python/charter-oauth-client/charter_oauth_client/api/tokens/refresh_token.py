from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error import OAuthError
from ...models.refresh_request import RefreshRequest
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: RefreshRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/refresh",
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
    body: RefreshRequest,
) -> Response[OAuthError | TokenResponse]:
    """Refresh a token (seed 001)

     Seed 001's refresh endpoint: the `refresh_token` grant of `/oauth/token` under its own path
    (`grant_type` may be omitted). The refresh token rotates; a reused one revokes the grant.

    Args:
        body (RefreshRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'refresh_token': 'ort_8xLOxBtZp8'}.

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
    body: RefreshRequest,
) -> TokenResponse:
    """Refresh a token (seed 001)

     Seed 001's refresh endpoint: the `refresh_token` grant of `/oauth/token` under its own path
    (`grant_type` may be omitted). The refresh token rotates; a reused one revokes the grant.

    Args:
        body (RefreshRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'refresh_token': 'ort_8xLOxBtZp8'}.

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
    body: RefreshRequest,
) -> Response[OAuthError | TokenResponse]:
    """Refresh a token (seed 001)

     Seed 001's refresh endpoint: the `refresh_token` grant of `/oauth/token` under its own path
    (`grant_type` may be omitted). The refresh token rotates; a reused one revokes the grant.

    Args:
        body (RefreshRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'refresh_token': 'ort_8xLOxBtZp8'}.

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
    body: RefreshRequest,
) -> TokenResponse:
    """Refresh a token (seed 001)

     Seed 001's refresh endpoint: the `refresh_token` grant of `/oauth/token` under its own path
    (`grant_type` may be omitted). The refresh token rotates; a reused one revokes the grant.

    Args:
        body (RefreshRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'refresh_token': 'ort_8xLOxBtZp8'}.

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
