from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ingestion_error import IngestionError
from ...models.ingestion_webhook_deleted import IngestionWebhookDeleted
from ...types import Response


def _get_kwargs(
    webhook_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/webhooks/{webhook_id}".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IngestionError | IngestionWebhookDeleted:
    if response.status_code == 200:
        response_200 = IngestionWebhookDeleted.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = IngestionError.from_dict(response.json())

        return response_4xx

    response_default = IngestionError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IngestionError | IngestionWebhookDeleted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[IngestionError | IngestionWebhookDeleted]:
    """Delete a webhook

     Seed 003's "Delete Webhook": the endpoint goes with its pending deliveries and its
    delivery log, answered in the envelope (`data.id`, `data.deleted`); 404 `NOT_FOUND`
    afterwards. Needs `webhooks:write`.

    Args:
        webhook_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionWebhookDeleted]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IngestionWebhookDeleted:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(IngestionWebhookDeleted, _parse_response(client=client, response=response))


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> IngestionWebhookDeleted:
    """Delete a webhook

     Seed 003's "Delete Webhook": the endpoint goes with its pending deliveries and its
    delivery log, answered in the envelope (`data.id`, `data.deleted`); 404 `NOT_FOUND`
    afterwards. Needs `webhooks:write`.

    Args:
        webhook_id (str):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionWebhookDeleted
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[IngestionError | IngestionWebhookDeleted]:
    """Delete a webhook

     Seed 003's "Delete Webhook": the endpoint goes with its pending deliveries and its
    delivery log, answered in the envelope (`data.id`, `data.deleted`); 404 `NOT_FOUND`
    afterwards. Needs `webhooks:write`.

    Args:
        webhook_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionWebhookDeleted]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> IngestionWebhookDeleted:
    """Delete a webhook

     Seed 003's "Delete Webhook": the endpoint goes with its pending deliveries and its
    delivery log, answered in the envelope (`data.id`, `data.deleted`); 404 `NOT_FOUND`
    afterwards. Needs `webhooks:write`.

    Args:
        webhook_id (str):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionWebhookDeleted
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
