from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_webhook_deliveries_status import ListWebhookDeliveriesStatus
from ...models.v1_error import V1Error
from ...models.v1_webhook_delivery_page import V1WebhookDeliveryPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    status: ListWebhookDeliveriesStatus | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/webhooks/{webhook_id}/deliveries".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> V1Error | V1WebhookDeliveryPage:
    if response.status_code == 200:
        response_200 = V1WebhookDeliveryPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[V1Error | V1WebhookDeliveryPage]:
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
    status: ListWebhookDeliveriesStatus | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[V1Error | V1WebhookDeliveryPage]:
    """List a webhook's deliveries

     The endpoint's deliveries, newest first, each with every attempt (time, status code, duration,
    error and the first KiB of the answer) and the payload it carries. Needs `webhooks:read`.

    Args:
        webhook_id (str):
        status (ListWebhookDeliveriesStatus | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | V1WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V1WebhookDeliveryPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(V1WebhookDeliveryPage, _parse_response(client=client, response=response))


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: ListWebhookDeliveriesStatus | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> V1WebhookDeliveryPage:
    """List a webhook's deliveries

     The endpoint's deliveries, newest first, each with every attempt (time, status code, duration,
    error and the first KiB of the answer) and the payload it carries. Needs `webhooks:read`.

    Args:
        webhook_id (str):
        status (ListWebhookDeliveriesStatus | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V1WebhookDeliveryPage
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: ListWebhookDeliveriesStatus | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[V1Error | V1WebhookDeliveryPage]:
    """List a webhook's deliveries

     The endpoint's deliveries, newest first, each with every attempt (time, status code, duration,
    error and the first KiB of the answer) and the payload it carries. Needs `webhooks:read`.

    Args:
        webhook_id (str):
        status (ListWebhookDeliveriesStatus | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | V1WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
    status: ListWebhookDeliveriesStatus | Unset = UNSET,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> V1WebhookDeliveryPage:
    """List a webhook's deliveries

     The endpoint's deliveries, newest first, each with every attempt (time, status code, duration,
    error and the first KiB of the answer) and the payload it carries. Needs `webhooks:read`.

    Args:
        webhook_id (str):
        status (ListWebhookDeliveriesStatus | Unset):
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V1WebhookDeliveryPage
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
