from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.empty import Empty
from ...models.o_auth_error import OAuthError
from ...models.revocation_request import RevocationRequest
from ...types import Response


def _get_kwargs(
    *,
    body: RevocationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/revoke",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Empty | OAuthError:
    if response.status_code == 200:
        response_200 = Empty.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = OAuthError.from_dict(response.json())

        return response_4xx

    response_default = OAuthError.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Empty | OAuthError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RevocationRequest,
) -> Response[Empty | OAuthError]:
    """Revoke a token (RFC 7009)

     Revokes an access token or a refresh token and, with it, every token of the same grant. The
    client authenticates as at the token endpoint. Unknown, expired, already revoked or another
    client's tokens answer the same 200 and change nothing.

    Args:
        body (RevocationRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'token': 'ort_8xLOxBtZp8', 'token_type_hint': 'refresh_token'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Empty | OAuthError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Empty:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(Empty, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RevocationRequest,
) -> Empty:
    """Revoke a token (RFC 7009)

     Revokes an access token or a refresh token and, with it, every token of the same grant. The
    client authenticates as at the token endpoint. Unknown, expired, already revoked or another
    client's tokens answer the same 200 and change nothing.

    Args:
        body (RevocationRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'token': 'ort_8xLOxBtZp8', 'token_type_hint': 'refresh_token'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Empty
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
    body: RevocationRequest,
) -> Response[Empty | OAuthError]:
    """Revoke a token (RFC 7009)

     Revokes an access token or a refresh token and, with it, every token of the same grant. The
    client authenticates as at the token endpoint. Unknown, expired, already revoked or another
    client's tokens answer the same 200 and change nothing.

    Args:
        body (RevocationRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'token': 'ort_8xLOxBtZp8', 'token_type_hint': 'refresh_token'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Empty | OAuthError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RevocationRequest,
) -> Empty:
    """Revoke a token (RFC 7009)

     Revokes an access token or a refresh token and, with it, every token of the same grant. The
    client authenticates as at the token endpoint. Unknown, expired, already revoked or another
    client's tokens answer the same 200 and change nothing.

    Args:
        body (RevocationRequest): Parameters this server does not know are ignored (RFC 6749 3.2).
            Example: {'token': 'ort_8xLOxBtZp8', 'token_type_hint': 'refresh_token'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Empty
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
