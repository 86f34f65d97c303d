from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.otp_send_request import OtpSendRequest
from ...models.otp_sent import OtpSent
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    *,
    body: OtpSendRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/otp/send",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OtpSent | V1Error:
    if response.status_code == 202:
        response_202 = OtpSent.from_dict(response.json())

        return response_202

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OtpSent | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OtpSendRequest,
) -> Response[OtpSent | V1Error]:
    """Send a one-time code

     Sends a 6-digit code by `sms` (to `phone`, or the user's stored phone) or `email` (to
    `email`, or the user's address) through the configured sender. A new code replaces any
    unused one of the same method.

    Args:
        body (OtpSendRequest):  Example: {'method': 'sms', 'phone': '+1234567890', 'user_id':
            'user_123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OtpSent | V1Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OtpSent:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(OtpSent, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: OtpSendRequest,
) -> OtpSent:
    """Send a one-time code

     Sends a 6-digit code by `sms` (to `phone`, or the user's stored phone) or `email` (to
    `email`, or the user's address) through the configured sender. A new code replaces any
    unused one of the same method.

    Args:
        body (OtpSendRequest):  Example: {'method': 'sms', 'phone': '+1234567890', 'user_id':
            'user_123'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OtpSent
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
    body: OtpSendRequest,
) -> Response[OtpSent | V1Error]:
    """Send a one-time code

     Sends a 6-digit code by `sms` (to `phone`, or the user's stored phone) or `email` (to
    `email`, or the user's address) through the configured sender. A new code replaces any
    unused one of the same method.

    Args:
        body (OtpSendRequest):  Example: {'method': 'sms', 'phone': '+1234567890', 'user_id':
            'user_123'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OtpSent | V1Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OtpSendRequest,
) -> OtpSent:
    """Send a one-time code

     Sends a 6-digit code by `sms` (to `phone`, or the user's stored phone) or `email` (to
    `email`, or the user's address) through the configured sender. A new code replaces any
    unused one of the same method.

    Args:
        body (OtpSendRequest):  Example: {'method': 'sms', 'phone': '+1234567890', 'user_id':
            'user_123'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OtpSent
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
