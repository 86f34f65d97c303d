from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ingestion_error import IngestionError
from ...models.ingestion_webhook_page import IngestionWebhookPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/webhooks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IngestionError | IngestionWebhookPage:
    if response.status_code == 200:
        response_200 = IngestionWebhookPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = IngestionError.from_dict(response.json())

        return response_4xx

    response_default = IngestionError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IngestionError | IngestionWebhookPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 100,
) -> Response[IngestionError | IngestionWebhookPage]:
    """List webhooks

     Seed 003's "List Webhooks": the organization's endpoints (of the caller's mode), newest
    first, secrets never shown, paged as every list of this API (`page`, `limit`; the
    `X-Pagination-*` headers). Needs `webhooks:read`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionWebhookPage]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IngestionWebhookPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(IngestionWebhookPage, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 100,
) -> IngestionWebhookPage:
    """List webhooks

     Seed 003's "List Webhooks": the organization's endpoints (of the caller's mode), newest
    first, secrets never shown, paged as every list of this API (`page`, `limit`; the
    `X-Pagination-*` headers). Needs `webhooks:read`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionWebhookPage
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 100,
) -> Response[IngestionError | IngestionWebhookPage]:
    """List webhooks

     Seed 003's "List Webhooks": the organization's endpoints (of the caller's mode), newest
    first, secrets never shown, paged as every list of this API (`page`, `limit`; the
    `X-Pagination-*` headers). Needs `webhooks:read`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionWebhookPage]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    limit: int | Unset = 100,
) -> IngestionWebhookPage:
    """List webhooks

     Seed 003's "List Webhooks": the organization's endpoints (of the caller's mode), newest
    first, secrets never shown, paged as every list of this API (`page`, `limit`; the
    `X-Pagination-*` headers). Needs `webhooks:read`.

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionWebhookPage
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
