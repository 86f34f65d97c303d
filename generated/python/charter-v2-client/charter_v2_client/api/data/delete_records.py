from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.record_batch_delete import RecordBatchDelete
from ...models.record_batch_delete_result import RecordBatchDeleteResult
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collection: str,
    *,
    body: RecordBatchDelete,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/data/{collection}/batch-delete".format(
            collection=quote(str(collection), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RecordBatchDeleteResult | V2Error:
    if response.status_code == 200:
        response_200 = RecordBatchDeleteResult.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RecordBatchDeleteResult | V2Error]:
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
    body: RecordBatchDelete,
    idempotency_key: str | Unset = UNSET,
) -> Response[RecordBatchDeleteResult | V2Error]:
    """Delete up to 1,000 records

     Seed 000's batch delete: deletes the named records of the collection in one transaction,
    each announced as `record.deleted`. The answer lists the ids deleted (`deleted_ids`, in
    request order, `deleted` counting them) and those that were not found (`not_found`: unknown,
    already deleted, expired, or not the caller's), so a retry is safe. An id named twice counts
    once. Needs `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatchDelete):  Example: {'ids': ['rec_abc123', 'rec_def456', 'rec_ghi789']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordBatchDeleteResult | V2Error]
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


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> RecordBatchDeleteResult:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(RecordBatchDeleteResult, _parse_response(client=client, response=response))


def sync(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    body: RecordBatchDelete,
    idempotency_key: str | Unset = UNSET,
) -> RecordBatchDeleteResult:
    """Delete up to 1,000 records

     Seed 000's batch delete: deletes the named records of the collection in one transaction,
    each announced as `record.deleted`. The answer lists the ids deleted (`deleted_ids`, in
    request order, `deleted` counting them) and those that were not found (`not_found`: unknown,
    already deleted, expired, or not the caller's), so a retry is safe. An id named twice counts
    once. Needs `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatchDelete):  Example: {'ids': ['rec_abc123', 'rec_def456', 'rec_ghi789']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordBatchDeleteResult
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
    body: RecordBatchDelete,
    idempotency_key: str | Unset = UNSET,
) -> Response[RecordBatchDeleteResult | V2Error]:
    """Delete up to 1,000 records

     Seed 000's batch delete: deletes the named records of the collection in one transaction,
    each announced as `record.deleted`. The answer lists the ids deleted (`deleted_ids`, in
    request order, `deleted` counting them) and those that were not found (`not_found`: unknown,
    already deleted, expired, or not the caller's), so a retry is safe. An id named twice counts
    once. Needs `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatchDelete):  Example: {'ids': ['rec_abc123', 'rec_def456', 'rec_ghi789']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordBatchDeleteResult | V2Error]
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
    body: RecordBatchDelete,
    idempotency_key: str | Unset = UNSET,
) -> RecordBatchDeleteResult:
    """Delete up to 1,000 records

     Seed 000's batch delete: deletes the named records of the collection in one transaction,
    each announced as `record.deleted`. The answer lists the ids deleted (`deleted_ids`, in
    request order, `deleted` counting them) and those that were not found (`not_found`: unknown,
    already deleted, expired, or not the caller's), so a retry is safe. An id named twice counts
    once. Needs `write:data`.

    Args:
        collection (str):
        idempotency_key (str | Unset):
        body (RecordBatchDelete):  Example: {'ids': ['rec_abc123', 'rec_def456', 'rec_ghi789']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordBatchDeleteResult
    """

    kwargs = _get_kwargs(
        collection=collection,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
