from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v1_error import V1Error
from ...models.v1_webhook_secret_envelope import V1WebhookSecretEnvelope
from ...models.webhook_request import WebhookRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> V1Error | V1WebhookSecretEnvelope:
    if response.status_code == 201:
        response_201 = V1WebhookSecretEnvelope.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[V1Error | V1WebhookSecretEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[V1Error | V1WebhookSecretEnvelope]:
    """Register a webhook

     Registers an endpoint for the events it names, as `POST /v2/webhooks` does (seed 002's "configure
    webhook URLs", seed 004's "register webhook URL, select event types"), answered in the v1
    envelope. One registry: an endpoint registered here is listed on `/v2/webhooks` and
    `/api/v1/webhooks` too. The event catalog, the four signature forms, the retry schedule and
    the scope each event needs are documented on `POST /v2/webhooks`; each event's payload schema
    is one of `WebhookDelivery.payload`'s. `url` is http(s) and may not point at loopback, private,
    link-local or metadata addresses (422); `secret` is 16 to 256 printable ASCII characters, or
    a generated `whsec_` one when absent, shown in this answer only and stored encrypted.

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403 naming
    the event).

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | V1WebhookSecretEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V1WebhookSecretEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(V1WebhookSecretEnvelope, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> V1WebhookSecretEnvelope:
    """Register a webhook

     Registers an endpoint for the events it names, as `POST /v2/webhooks` does (seed 002's "configure
    webhook URLs", seed 004's "register webhook URL, select event types"), answered in the v1
    envelope. One registry: an endpoint registered here is listed on `/v2/webhooks` and
    `/api/v1/webhooks` too. The event catalog, the four signature forms, the retry schedule and
    the scope each event needs are documented on `POST /v2/webhooks`; each event's payload schema
    is one of `WebhookDelivery.payload`'s. `url` is http(s) and may not point at loopback, private,
    link-local or metadata addresses (422); `secret` is 16 to 256 printable ASCII characters, or
    a generated `whsec_` one when absent, shown in this answer only and stored encrypted.

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403 naming
    the event).

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V1WebhookSecretEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[V1Error | V1WebhookSecretEnvelope]:
    """Register a webhook

     Registers an endpoint for the events it names, as `POST /v2/webhooks` does (seed 002's "configure
    webhook URLs", seed 004's "register webhook URL, select event types"), answered in the v1
    envelope. One registry: an endpoint registered here is listed on `/v2/webhooks` and
    `/api/v1/webhooks` too. The event catalog, the four signature forms, the retry schedule and
    the scope each event needs are documented on `POST /v2/webhooks`; each event's payload schema
    is one of `WebhookDelivery.payload`'s. `url` is http(s) and may not point at loopback, private,
    link-local or metadata addresses (422); `secret` is 16 to 256 printable ASCII characters, or
    a generated `whsec_` one when absent, shown in this answer only and stored encrypted.

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403 naming
    the event).

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V1Error | V1WebhookSecretEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> V1WebhookSecretEnvelope:
    """Register a webhook

     Registers an endpoint for the events it names, as `POST /v2/webhooks` does (seed 002's "configure
    webhook URLs", seed 004's "register webhook URL, select event types"), answered in the v1
    envelope. One registry: an endpoint registered here is listed on `/v2/webhooks` and
    `/api/v1/webhooks` too. The event catalog, the four signature forms, the retry schedule and
    the scope each event needs are documented on `POST /v2/webhooks`; each event's payload schema
    is one of `WebhookDelivery.payload`'s. `url` is http(s) and may not point at loopback, private,
    link-local or metadata addresses (422); `secret` is 16 to 256 printable ASCII characters, or
    a generated `whsec_` one when absent, shown in this answer only and stored encrypted.

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403 naming
    the event).

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        V1WebhookSecretEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
