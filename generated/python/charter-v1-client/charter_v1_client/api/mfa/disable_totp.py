from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_request import CodeRequest
from ...models.totp_state_envelope import TotpStateEnvelope
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    user_id: str,
    *,
    body: CodeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/users/{user_id}/mfa/totp/disable".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> TotpStateEnvelope | V1Error:
    if response.status_code == 200:
        response_200 = TotpStateEnvelope.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[TotpStateEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeRequest,
) -> Response[TotpStateEnvelope | V1Error]:
    """Disable TOTP

     Turns MFA off; needs a fresh TOTP code or a recovery code (a wrong one counts toward the
    lockout). Only the user themself, with an access token.

    Args:
        user_id (str):
        body (CodeRequest):  Example: {'code': '123456'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TotpStateEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> TotpStateEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(TotpStateEnvelope, _parse_response(client=client, response=response))


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeRequest,
) -> TotpStateEnvelope:
    """Disable TOTP

     Turns MFA off; needs a fresh TOTP code or a recovery code (a wrong one counts toward the
    lockout). Only the user themself, with an access token.

    Args:
        user_id (str):
        body (CodeRequest):  Example: {'code': '123456'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TotpStateEnvelope
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeRequest,
) -> Response[TotpStateEnvelope | V1Error]:
    """Disable TOTP

     Turns MFA off; needs a fresh TOTP code or a recovery code (a wrong one counts toward the
    lockout). Only the user themself, with an access token.

    Args:
        user_id (str):
        body (CodeRequest):  Example: {'code': '123456'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TotpStateEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeRequest,
) -> TotpStateEnvelope:
    """Disable TOTP

     Turns MFA off; needs a fresh TOTP code or a recovery code (a wrong one counts toward the
    lockout). Only the user themself, with an access token.

    Args:
        user_id (str):
        body (CodeRequest):  Example: {'code': '123456'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TotpStateEnvelope
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
