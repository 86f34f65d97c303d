from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v1_error import V1Error
from ...models.v1_webhook_envelope import V1WebhookEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    webhook_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks/{webhook_id}/enable".format(
            webhook_id=quote(str(webhook_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V1Error | V1WebhookEnvelope:
    if response.status_code == 200:
        response_200 = V1WebhookEnvelope.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[V1Error | V1WebhookEnvelope]:
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
    idempotency_key: str | Unset = UNSET,
) -> Response[V1Error | V1WebhookEnvelope]:
    """Re-enable a webhook

     Re-enables an endpoint that was disabled (by `410 Gone`, by failing for 5 days, or by a
    PATCH): its failure streak starts over and its pending deliveries are due at once. An enabled
    webhook is returned unchanged. Needs `webhooks:write`.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | V1WebhookEnvelope]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V1WebhookEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(V1WebhookEnvelope, _parse_response(client=client, response=response))


def sync(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> V1WebhookEnvelope:
    """Re-enable a webhook

     Re-enables an endpoint that was disabled (by `410 Gone`, by failing for 5 days, or by a
    PATCH): its failure streak starts over and its pending deliveries are due at once. An enabled
    webhook is returned unchanged. Needs `webhooks:write`.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V1WebhookEnvelope
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[V1Error | V1WebhookEnvelope]:
    """Re-enable a webhook

     Re-enables an endpoint that was disabled (by `410 Gone`, by failing for 5 days, or by a
    PATCH): its failure streak starts over and its pending deliveries are due at once. An enabled
    webhook is returned unchanged. Needs `webhooks:write`.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | V1WebhookEnvelope]
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    webhook_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> V1WebhookEnvelope:
    """Re-enable a webhook

     Re-enables an endpoint that was disabled (by `410 Gone`, by failing for 5 days, or by a
    PATCH): its failure streak starts over and its pending deliveries are due at once. An enabled
    webhook is returned unchanged. Needs `webhooks:write`.

    Args:
        webhook_id (str):
        idempotency_key (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V1WebhookEnvelope
    """

    kwargs = _get_kwargs(
        webhook_id=webhook_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
