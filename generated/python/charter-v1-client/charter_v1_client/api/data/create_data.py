from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_data_body import CreateDataBody
from ...models.data_envelope import DataEnvelope
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateDataBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/data",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DataEnvelope | V1Error:
    if response.status_code == 201:
        response_201 = DataEnvelope.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DataEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateDataBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[DataEnvelope | V1Error]:
    """Create a data record

     Seed 004's data operations: the posted JSON object is the record's `data`. Records live in
    the data collection `default` (also reachable on `/v2/data/default`), answer nested as on
    `/v2` (`{"data": {"id", "data": {...}, ...}}`), so a posted `id` never clashes. Needs
    `write:data`.

    Args:
        idempotency_key (str | Unset):
        body (CreateDataBody): Any JSON object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DataEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(DataEnvelope, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateDataBody,
    idempotency_key: str | Unset = UNSET,
) -> DataEnvelope:
    """Create a data record

     Seed 004's data operations: the posted JSON object is the record's `data`. Records live in
    the data collection `default` (also reachable on `/v2/data/default`), answer nested as on
    `/v2` (`{"data": {"id", "data": {...}, ...}}`), so a posted `id` never clashes. Needs
    `write:data`.

    Args:
        idempotency_key (str | Unset):
        body (CreateDataBody): Any JSON object.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataEnvelope
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
    body: CreateDataBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[DataEnvelope | V1Error]:
    """Create a data record

     Seed 004's data operations: the posted JSON object is the record's `data`. Records live in
    the data collection `default` (also reachable on `/v2/data/default`), answer nested as on
    `/v2` (`{"data": {"id", "data": {...}, ...}}`), so a posted `id` never clashes. Needs
    `write:data`.

    Args:
        idempotency_key (str | Unset):
        body (CreateDataBody): Any JSON object.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataEnvelope | V1Error]
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
    body: CreateDataBody,
    idempotency_key: str | Unset = UNSET,
) -> DataEnvelope:
    """Create a data record

     Seed 004's data operations: the posted JSON object is the record's `data`. Records live in
    the data collection `default` (also reachable on `/v2/data/default`), answer nested as on
    `/v2` (`{"data": {"id", "data": {...}, ...}}`), so a posted `id` never clashes. Needs
    `write:data`.

    Args:
        idempotency_key (str | Unset):
        body (CreateDataBody): Any JSON object.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
