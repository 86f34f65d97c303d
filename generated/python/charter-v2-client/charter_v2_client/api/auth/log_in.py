from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.login_request import LoginRequest
from ...models.token_response import TokenResponse
from ...models.v2_error import V2Error
from ...types import Response


def _get_kwargs(
    *,
    body: LoginRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/login",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> TokenResponse | V2Error:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = V2Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V2Error.from_dict(response.json())

        return response_403

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
    body: LoginRequest,
) -> Response[TokenResponse | V2Error]:
    """Log in

     Authenticates a user and returns a JWT access token (15 minutes) and a refresh token
    (7 days, 30 with `remember_me`). Accounts with MFA need `mfa_code` (a TOTP code or a
    recovery code). After 5 failures within 15 minutes the account locks for 15 minutes,
    doubling on each repeat; an admin can unlock it (`POST /v1/users/{user_id}/unlock`).
    Limited to 10 requests per minute per IP.

    Args:
        body (LoginRequest):  Example: {'device_id': 'mobile-ios-abc123', 'password':
            'SecurePassword123!', 'remember_me': True, 'username': 'john.doe'}.

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
    body: LoginRequest,
) -> TokenResponse:
    """Log in

     Authenticates a user and returns a JWT access token (15 minutes) and a refresh token
    (7 days, 30 with `remember_me`). Accounts with MFA need `mfa_code` (a TOTP code or a
    recovery code). After 5 failures within 15 minutes the account locks for 15 minutes,
    doubling on each repeat; an admin can unlock it (`POST /v1/users/{user_id}/unlock`).
    Limited to 10 requests per minute per IP.

    Args:
        body (LoginRequest):  Example: {'device_id': 'mobile-ios-abc123', 'password':
            'SecurePassword123!', 'remember_me': True, 'username': 'john.doe'}.

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
    body: LoginRequest,
) -> Response[TokenResponse | V2Error]:
    """Log in

     Authenticates a user and returns a JWT access token (15 minutes) and a refresh token
    (7 days, 30 with `remember_me`). Accounts with MFA need `mfa_code` (a TOTP code or a
    recovery code). After 5 failures within 15 minutes the account locks for 15 minutes,
    doubling on each repeat; an admin can unlock it (`POST /v1/users/{user_id}/unlock`).
    Limited to 10 requests per minute per IP.

    Args:
        body (LoginRequest):  Example: {'device_id': 'mobile-ios-abc123', 'password':
            'SecurePassword123!', 'remember_me': True, 'username': 'john.doe'}.

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
    body: LoginRequest,
) -> TokenResponse:
    """Log in

     Authenticates a user and returns a JWT access token (15 minutes) and a refresh token
    (7 days, 30 with `remember_me`). Accounts with MFA need `mfa_code` (a TOTP code or a
    recovery code). After 5 failures within 15 minutes the account locks for 15 minutes,
    doubling on each repeat; an admin can unlock it (`POST /v1/users/{user_id}/unlock`).
    Limited to 10 requests per minute per IP.

    Args:
        body (LoginRequest):  Example: {'device_id': 'mobile-ios-abc123', 'password':
            'SecurePassword123!', 'remember_me': True, 'username': 'john.doe'}.

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
