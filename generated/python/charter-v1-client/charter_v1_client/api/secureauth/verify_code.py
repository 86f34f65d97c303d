from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v1_error import V1Error
from ...models.verify_request import VerifyRequest
from ...models.verify_result import VerifyResult
from ...types import Response


def _get_kwargs(
    *,
    body: VerifyRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/verify",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V1Error | VerifyResult:
    if response.status_code == 200:
        response_200 = VerifyResult.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[V1Error | VerifyResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyRequest,
) -> Response[V1Error | VerifyResult]:
    """Verify a user's second factor

     SecureAuth (seed 001). `method` `totp` checks an authenticator code (a code is accepted
    once), `sms` and `email` check the last code sent by `POST /v1/otp/send` (5 minutes,
    single use, 5 attempts), `recovery` consumes a recovery code. A wrong code answers 200 with
    `verified: false`; `totp` for a user without TOTP is 409 `CONFLICT`.

    Args:
        body (VerifyRequest):  Example: {'code': '123456', 'method': 'totp', 'user_id':
            'user_123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | VerifyResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> VerifyResult:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(VerifyResult, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyRequest,
) -> VerifyResult:
    """Verify a user's second factor

     SecureAuth (seed 001). `method` `totp` checks an authenticator code (a code is accepted
    once), `sms` and `email` check the last code sent by `POST /v1/otp/send` (5 minutes,
    single use, 5 attempts), `recovery` consumes a recovery code. A wrong code answers 200 with
    `verified: false`; `totp` for a user without TOTP is 409 `CONFLICT`.

    Args:
        body (VerifyRequest):  Example: {'code': '123456', 'method': 'totp', 'user_id':
            'user_123'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        VerifyResult
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
    body: VerifyRequest,
) -> Response[V1Error | VerifyResult]:
    """Verify a user's second factor

     SecureAuth (seed 001). `method` `totp` checks an authenticator code (a code is accepted
    once), `sms` and `email` check the last code sent by `POST /v1/otp/send` (5 minutes,
    single use, 5 attempts), `recovery` consumes a recovery code. A wrong code answers 200 with
    `verified: false`; `totp` for a user without TOTP is 409 `CONFLICT`.

    Args:
        body (VerifyRequest):  Example: {'code': '123456', 'method': 'totp', 'user_id':
            'user_123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | VerifyResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: VerifyRequest,
) -> VerifyResult:
    """Verify a user's second factor

     SecureAuth (seed 001). `method` `totp` checks an authenticator code (a code is accepted
    once), `sms` and `email` check the last code sent by `POST /v1/otp/send` (5 minutes,
    single use, 5 attempts), `recovery` consumes a recovery code. A wrong code answers 200 with
    `verified: false`; `totp` for a user without TOTP is 409 `CONFLICT`.

    Args:
        body (VerifyRequest):  Example: {'code': '123456', 'method': 'totp', 'user_id':
            'user_123'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        VerifyResult
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
