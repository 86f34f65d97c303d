from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.data_envelope import DataEnvelope
from ...models.replace_data_body import ReplaceDataBody
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    record_id: str,
    *,
    body: ReplaceDataBody,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/data/{record_id}".format(
            record_id=quote(str(record_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DataEnvelope | V1Error:
    if response.status_code == 200:
        response_200 = DataEnvelope.from_dict(response.json())

        return response_200

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
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceDataBody,
    if_match: str | Unset = UNSET,
) -> Response[DataEnvelope | V1Error]:
    """Replace a data record

     The posted object replaces the record's data; `If-Match` as on `/v2`. Needs `write:data`.

    Args:
        record_id (str):
        if_match (str | Unset):
        body (ReplaceDataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        if_match=if_match,
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
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceDataBody,
    if_match: str | Unset = UNSET,
) -> DataEnvelope:
    """Replace a data record

     The posted object replaces the record's data; `If-Match` as on `/v2`. Needs `write:data`.

    Args:
        record_id (str):
        if_match (str | Unset):
        body (ReplaceDataBody):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataEnvelope
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceDataBody,
    if_match: str | Unset = UNSET,
) -> Response[DataEnvelope | V1Error]:
    """Replace a data record

     The posted object replaces the record's data; `If-Match` as on `/v2`. Needs `write:data`.

    Args:
        record_id (str):
        if_match (str | Unset):
        body (ReplaceDataBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ReplaceDataBody,
    if_match: str | Unset = UNSET,
) -> DataEnvelope:
    """Replace a data record

     The posted object replaces the record's data; `If-Match` as on `/v2`. Needs `write:data`.

    Args:
        record_id (str):
        if_match (str | Unset):
        body (ReplaceDataBody):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataEnvelope
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
