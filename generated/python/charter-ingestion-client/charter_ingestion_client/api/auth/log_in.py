from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ingestion_error import IngestionError
from ...models.ingestion_login import IngestionLogin
from ...models.ingestion_tokens import IngestionTokens
from ...types import Response


def _get_kwargs(
    *,
    body: IngestionLogin,
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


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IngestionError | IngestionTokens:
    if response.status_code == 200:
        response_200 = IngestionTokens.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = IngestionError.from_dict(response.json())

        return response_4xx

    response_default = IngestionError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IngestionError | IngestionTokens]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IngestionLogin,
) -> Response[IngestionError | IngestionTokens]:
    """Log in for a JWT

     Seed 003's JWT authentication for the ingestion API: the same accounts, lockout and MFA as
    `POST /v2/auth/login`, answered in this API's envelope. Send the `access_token` as
    `Authorization: Bearer`. Limited to 10 requests per minute per IP.

    Args:
        body (IngestionLogin):  Example: {'password': 'password', 'username': 'user'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionTokens]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IngestionTokens:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(IngestionTokens, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: IngestionLogin,
) -> IngestionTokens:
    """Log in for a JWT

     Seed 003's JWT authentication for the ingestion API: the same accounts, lockout and MFA as
    `POST /v2/auth/login`, answered in this API's envelope. Send the `access_token` as
    `Authorization: Bearer`. Limited to 10 requests per minute per IP.

    Args:
        body (IngestionLogin):  Example: {'password': 'password', 'username': 'user'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionTokens
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
    body: IngestionLogin,
) -> Response[IngestionError | IngestionTokens]:
    """Log in for a JWT

     Seed 003's JWT authentication for the ingestion API: the same accounts, lockout and MFA as
    `POST /v2/auth/login`, answered in this API's envelope. Send the `access_token` as
    `Authorization: Bearer`. Limited to 10 requests per minute per IP.

    Args:
        body (IngestionLogin):  Example: {'password': 'password', 'username': 'user'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionTokens]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: IngestionLogin,
) -> IngestionTokens:
    """Log in for a JWT

     Seed 003's JWT authentication for the ingestion API: the same accounts, lockout and MFA as
    `POST /v2/auth/login`, answered in this API's envelope. Send the `access_token` as
    `Authorization: Bearer`. Limited to 10 requests per minute per IP.

    Args:
        body (IngestionLogin):  Example: {'password': 'password', 'username': 'user'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionTokens
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
