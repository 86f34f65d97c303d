from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ingestion_error import IngestionError
from ...models.ingestion_webhook_request import IngestionWebhookRequest
from ...models.ingestion_webhook_secret_envelope import IngestionWebhookSecretEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: IngestionWebhookRequest,
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
) -> IngestionError | IngestionWebhookSecretEnvelope:
    if response.status_code == 201:
        response_201 = IngestionWebhookSecretEnvelope.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = IngestionError.from_dict(response.json())

        return response_4xx

    response_default = IngestionError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IngestionError | IngestionWebhookSecretEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IngestionWebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[IngestionError | IngestionWebhookSecretEnvelope]:
    """Create a webhook

     Seed 003's "Create Webhook": registers `url` for `events` (for example
    `ingestion.completed` and `ingestion.failed`), signed with `secret`. One registry: the
    endpoint is listed on `/v2/webhooks` and `/v1/webhooks` too, where its delivery log,
    redelivery, test ping and secret rotation are. The event catalog, the four signature forms
    and the retry schedule are documented on `POST /v2/webhooks`.

    `url` is http(s) and may not point at loopback, private, link-local or metadata addresses
    (400 `VALIDATION_ERROR`); `secret` is 8 to 256 printable ASCII characters here (seed 003's
    `webhook-secret` works; `/v2` asks for 16), or a generated `whsec_` one when absent: it is
    shown in this answer only and stored encrypted. Needs `webhooks:write`, and for each event
    the scope that reads what it carries (`ingestion:read` for `ingestion.*`; 403
    `AUTHORIZATION_ERROR` naming the event).

    Args:
        idempotency_key (str | Unset):
        body (IngestionWebhookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionWebhookSecretEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IngestionWebhookSecretEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(IngestionWebhookSecretEnvelope, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: IngestionWebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> IngestionWebhookSecretEnvelope:
    """Create a webhook

     Seed 003's "Create Webhook": registers `url` for `events` (for example
    `ingestion.completed` and `ingestion.failed`), signed with `secret`. One registry: the
    endpoint is listed on `/v2/webhooks` and `/v1/webhooks` too, where its delivery log,
    redelivery, test ping and secret rotation are. The event catalog, the four signature forms
    and the retry schedule are documented on `POST /v2/webhooks`.

    `url` is http(s) and may not point at loopback, private, link-local or metadata addresses
    (400 `VALIDATION_ERROR`); `secret` is 8 to 256 printable ASCII characters here (seed 003's
    `webhook-secret` works; `/v2` asks for 16), or a generated `whsec_` one when absent: it is
    shown in this answer only and stored encrypted. Needs `webhooks:write`, and for each event
    the scope that reads what it carries (`ingestion:read` for `ingestion.*`; 403
    `AUTHORIZATION_ERROR` naming the event).

    Args:
        idempotency_key (str | Unset):
        body (IngestionWebhookRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionWebhookSecretEnvelope
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
    body: IngestionWebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[IngestionError | IngestionWebhookSecretEnvelope]:
    """Create a webhook

     Seed 003's "Create Webhook": registers `url` for `events` (for example
    `ingestion.completed` and `ingestion.failed`), signed with `secret`. One registry: the
    endpoint is listed on `/v2/webhooks` and `/v1/webhooks` too, where its delivery log,
    redelivery, test ping and secret rotation are. The event catalog, the four signature forms
    and the retry schedule are documented on `POST /v2/webhooks`.

    `url` is http(s) and may not point at loopback, private, link-local or metadata addresses
    (400 `VALIDATION_ERROR`); `secret` is 8 to 256 printable ASCII characters here (seed 003's
    `webhook-secret` works; `/v2` asks for 16), or a generated `whsec_` one when absent: it is
    shown in this answer only and stored encrypted. Needs `webhooks:write`, and for each event
    the scope that reads what it carries (`ingestion:read` for `ingestion.*`; 403
    `AUTHORIZATION_ERROR` naming the event).

    Args:
        idempotency_key (str | Unset):
        body (IngestionWebhookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IngestionError | IngestionWebhookSecretEnvelope]
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
    body: IngestionWebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> IngestionWebhookSecretEnvelope:
    """Create a webhook

     Seed 003's "Create Webhook": registers `url` for `events` (for example
    `ingestion.completed` and `ingestion.failed`), signed with `secret`. One registry: the
    endpoint is listed on `/v2/webhooks` and `/v1/webhooks` too, where its delivery log,
    redelivery, test ping and secret rotation are. The event catalog, the four signature forms
    and the retry schedule are documented on `POST /v2/webhooks`.

    `url` is http(s) and may not point at loopback, private, link-local or metadata addresses
    (400 `VALIDATION_ERROR`); `secret` is 8 to 256 printable ASCII characters here (seed 003's
    `webhook-secret` works; `/v2` asks for 16), or a generated `whsec_` one when absent: it is
    shown in this answer only and stored encrypted. Needs `webhooks:write`, and for each event
    the scope that reads what it carries (`ingestion:read` for `ingestion.*`; 403
    `AUTHORIZATION_ERROR` naming the event).

    Args:
        idempotency_key (str | Unset):
        body (IngestionWebhookRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IngestionWebhookSecretEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
