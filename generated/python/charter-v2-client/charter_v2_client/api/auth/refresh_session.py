from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.refresh_request import RefreshRequest
from ...models.token_response import TokenResponse
from ...models.v2_error import V2Error
from ...types import Response


def _get_kwargs(
    *,
    body: RefreshRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/refresh",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> TokenResponse | V2Error:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[TokenResponse | V2Error]:
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
) -> Response[TokenResponse | V2Error]:
    """Refresh the access token

     Exchanges a refresh token for new tokens (same format as login). The old refresh token
    stops working at once. Presenting an already used refresh token again revokes the whole
    session (every token descended from the login), except within 10 seconds of its first use,
    when the same new tokens' refresh token is returned again so a retried request is safe.

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_dGhpcyBpcyBhIHJlZnJlc2ggdG9rZW4'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenResponse | V2Error]
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
    """Refresh the access token

     Exchanges a refresh token for new tokens (same format as login). The old refresh token
    stops working at once. Presenting an already used refresh token again revokes the whole
    session (every token descended from the login), except within 10 seconds of its first use,
    when the same new tokens' refresh token is returned again so a retried request is safe.

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_dGhpcyBpcyBhIHJlZnJlc2ggdG9rZW4'}.

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
) -> Response[TokenResponse | V2Error]:
    """Refresh the access token

     Exchanges a refresh token for new tokens (same format as login). The old refresh token
    stops working at once. Presenting an already used refresh token again revokes the whole
    session (every token descended from the login), except within 10 seconds of its first use,
    when the same new tokens' refresh token is returned again so a retried request is safe.

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_dGhpcyBpcyBhIHJlZnJlc2ggdG9rZW4'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenResponse | V2Error]
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
    """Refresh the access token

     Exchanges a refresh token for new tokens (same format as login). The old refresh token
    stops working at once. Presenting an already used refresh token again revokes the whole
    session (every token descended from the login), except within 10 seconds of its first use,
    when the same new tokens' refresh token is returned again so a retried request is safe.

    Args:
        body (RefreshRequest):  Example: {'refresh_token': 'rt_dGhpcyBpcyBhIHJlZnJlc2ggdG9rZW4'}.

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
