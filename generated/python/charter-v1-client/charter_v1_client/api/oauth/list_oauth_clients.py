from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_client_page import OAuthClientPage
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/oauth/clients",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OAuthClientPage | V1Error:
    if response.status_code == 200:
        response_200 = OAuthClientPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthClientPage | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[OAuthClientPage | V1Error]:
    """List OAuth clients

     The organization's registered OAuth clients. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthClientPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OAuthClientPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(OAuthClientPage, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> OAuthClientPage:
    """List OAuth clients

     The organization's registered OAuth clients. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthClientPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[OAuthClientPage | V1Error]:
    """List OAuth clients

     The organization's registered OAuth clients. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthClientPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> OAuthClientPage:
    """List OAuth clients

     The organization's registered OAuth clients. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthClientPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
