from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.record_batch import RecordBatch
from ...models.record_batch_result import RecordBatchResult
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collection: str,
    *,
    body: RecordBatch,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/data/{collection}/batch".format(
            collection=quote(str(collection), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> RecordBatchResult | V2Error:
    if response.status_code == 200:
        response_200 = RecordBatchResult.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RecordBatchResult | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    body: RecordBatch,
    idempotency_key: str | Unset = UNSET,
) -> Response[RecordBatchResult | V2Error]:
    """Create up to 1,000 records

     Seed 000's batch create: up to 1,000 records in one request (a limit of this operation;
    other batches keep theirs). Each item is what `POST /v2/data/{collection}` takes (`data`,
    `metadata`, `ttl`) and is checked on its own: an invalid item does not fail the request but
    is reported in `errors` as `{index, status, error}`, `error` being the error the item would
    have had alone (`INVALID_REQUEST` naming the field, e.g. `body.records.3.data`). The valid
    items are written in one transaction and come back in `records`, in request order; each
    announces `record.created`. `created` and `failed` count `records` and `errors`.

    `atomic: true` makes the batch all or nothing: if any item is invalid nothing is written,
    `created` is 0, `records` is empty and `errors` still names every invalid item. Needs
    `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatch):  Example: {'records': [{'data': {'name': 'Item 1'}}, {'data': {'name':
            'Item 2'}}, {'data': {'name': 'Item 3'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordBatchResult | V2Error]
    """

    kwargs = _get_kwargs(
        collection=collection,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> RecordBatchResult:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(RecordBatchResult, _parse_response(client=client, response=response))


def sync(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    body: RecordBatch,
    idempotency_key: str | Unset = UNSET,
) -> RecordBatchResult:
    """Create up to 1,000 records

     Seed 000's batch create: up to 1,000 records in one request (a limit of this operation;
    other batches keep theirs). Each item is what `POST /v2/data/{collection}` takes (`data`,
    `metadata`, `ttl`) and is checked on its own: an invalid item does not fail the request but
    is reported in `errors` as `{index, status, error}`, `error` being the error the item would
    have had alone (`INVALID_REQUEST` naming the field, e.g. `body.records.3.data`). The valid
    items are written in one transaction and come back in `records`, in request order; each
    announces `record.created`. `created` and `failed` count `records` and `errors`.

    `atomic: true` makes the batch all or nothing: if any item is invalid nothing is written,
    `created` is 0, `records` is empty and `errors` still names every invalid item. Needs
    `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatch):  Example: {'records': [{'data': {'name': 'Item 1'}}, {'data': {'name':
            'Item 2'}}, {'data': {'name': 'Item 3'}}]}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordBatchResult
    """

    kwargs = _get_kwargs(
        collection=collection,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    body: RecordBatch,
    idempotency_key: str | Unset = UNSET,
) -> Response[RecordBatchResult | V2Error]:
    """Create up to 1,000 records

     Seed 000's batch create: up to 1,000 records in one request (a limit of this operation;
    other batches keep theirs). Each item is what `POST /v2/data/{collection}` takes (`data`,
    `metadata`, `ttl`) and is checked on its own: an invalid item does not fail the request but
    is reported in `errors` as `{index, status, error}`, `error` being the error the item would
    have had alone (`INVALID_REQUEST` naming the field, e.g. `body.records.3.data`). The valid
    items are written in one transaction and come back in `records`, in request order; each
    announces `record.created`. `created` and `failed` count `records` and `errors`.

    `atomic: true` makes the batch all or nothing: if any item is invalid nothing is written,
    `created` is 0, `records` is empty and `errors` still names every invalid item. Needs
    `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatch):  Example: {'records': [{'data': {'name': 'Item 1'}}, {'data': {'name':
            'Item 2'}}, {'data': {'name': 'Item 3'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordBatchResult | V2Error]
    """

    kwargs = _get_kwargs(
        collection=collection,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    body: RecordBatch,
    idempotency_key: str | Unset = UNSET,
) -> RecordBatchResult:
    """Create up to 1,000 records

     Seed 000's batch create: up to 1,000 records in one request (a limit of this operation;
    other batches keep theirs). Each item is what `POST /v2/data/{collection}` takes (`data`,
    `metadata`, `ttl`) and is checked on its own: an invalid item does not fail the request but
    is reported in `errors` as `{index, status, error}`, `error` being the error the item would
    have had alone (`INVALID_REQUEST` naming the field, e.g. `body.records.3.data`). The valid
    items are written in one transaction and come back in `records`, in request order; each
    announces `record.created`. `created` and `failed` count `records` and `errors`.

    `atomic: true` makes the batch all or nothing: if any item is invalid nothing is written,
    `created` is 0, `records` is empty and `errors` still names every invalid item. Needs
    `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatch):  Example: {'records': [{'data': {'name': 'Item 1'}}, {'data': {'name':
            'Item 2'}}, {'data': {'name': 'Item 3'}}]}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordBatchResult
    """

    kwargs = _get_kwargs(
        collection=collection,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
