from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_error import OAuthError
from ...models.user_info import UserInfo
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/userinfo",
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OAuthError | UserInfo:
    if response.status_code == 200:
        response_200 = UserInfo.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = OAuthError.from_dict(response.json())

        return response_4xx

    response_default = OAuthError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthError | UserInfo]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[OAuthError | UserInfo]:
    """OpenID Connect UserInfo (POST)

     The signed-in user's claims (OpenID Connect Core 5.3) for an access token with the `openid`
    scope: `sub` always, `preferred_username` and `name` with `profile`, `email` with `email`.
    A token without `openid`, or a credential that is not a user's OAuth token, is refused.
    The same as `GET` (OpenID Connect Core 5.3.1 asks for both); the access token goes in the
    `Authorization` header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | UserInfo]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserInfo:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(UserInfo, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient,
) -> UserInfo:
    """OpenID Connect UserInfo (POST)

     The signed-in user's claims (OpenID Connect Core 5.3) for an access token with the `openid`
    scope: `sub` always, `preferred_username` and `name` with `profile`, `email` with `email`.
    A token without `openid`, or a credential that is not a user's OAuth token, is refused.
    The same as `GET` (OpenID Connect Core 5.3.1 asks for both); the access token goes in the
    `Authorization` header.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserInfo
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[OAuthError | UserInfo]:
    """OpenID Connect UserInfo (POST)

     The signed-in user's claims (OpenID Connect Core 5.3) for an access token with the `openid`
    scope: `sub` always, `preferred_username` and `name` with `profile`, `email` with `email`.
    A token without `openid`, or a credential that is not a user's OAuth token, is refused.
    The same as `GET` (OpenID Connect Core 5.3.1 asks for both); the access token goes in the
    `Authorization` header.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthError | UserInfo]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> UserInfo:
    """OpenID Connect UserInfo (POST)

     The signed-in user's claims (OpenID Connect Core 5.3) for an access token with the `openid`
    scope: `sub` always, `preferred_username` and `name` with `profile`, `email` with `email`.
    A token without `openid`, or a credential that is not a user's OAuth token, is refused.
    The same as `GET` (OpenID Connect Core 5.3.1 asks for both); the access token goes in the
    `Authorization` header.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserInfo
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
