from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.data_page import DataPage
from ...models.list_data_count import ListDataCount
from ...models.list_data_order import ListDataOrder
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListDataCount | Unset = ListDataCount.EXACT,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListDataOrder | Unset = ListDataOrder.DESC,
    fields: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["after"] = after

    json_count: str | Unset = UNSET
    if not isinstance(count, Unset):
        json_count = count.value

    params["count"] = json_count

    params["filter"] = filter_

    params["sort"] = sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["fields"] = fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/data",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DataPage | V1Error:
    if response.status_code == 200:
        response_200 = DataPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DataPage | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListDataCount | Unset = ListDataCount.EXACT,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListDataOrder | Unset = ListDataOrder.DESC,
    fields: str | Unset = UNSET,
) -> Response[DataPage | V1Error]:
    """List data records

     The records, with the same `filter`, `sort`, `order` and `fields` as `GET /v2/data/{collection}`
    (seed 000's filter language), in the v1 list shape, and the same keyset pages and
    `count`: `next_cursor` (beside `has_more`) is the `after` of the next page, null on the
    last; `count=none` leaves `total` null. Needs `read:data`.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListDataCount | Unset):  Default: ListDataCount.EXACT.
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListDataOrder | Unset):  Default: ListDataOrder.DESC.
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        filter_=filter_,
        sort=sort,
        order=order,
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DataPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(DataPage, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListDataCount | Unset = ListDataCount.EXACT,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListDataOrder | Unset = ListDataOrder.DESC,
    fields: str | Unset = UNSET,
) -> DataPage:
    """List data records

     The records, with the same `filter`, `sort`, `order` and `fields` as `GET /v2/data/{collection}`
    (seed 000's filter language), in the v1 list shape, and the same keyset pages and
    `count`: `next_cursor` (beside `has_more`) is the `after` of the next page, null on the
    last; `count=none` leaves `total` null. Needs `read:data`.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListDataCount | Unset):  Default: ListDataCount.EXACT.
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListDataOrder | Unset):  Default: ListDataOrder.DESC.
        fields (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        filter_=filter_,
        sort=sort,
        order=order,
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListDataCount | Unset = ListDataCount.EXACT,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListDataOrder | Unset = ListDataOrder.DESC,
    fields: str | Unset = UNSET,
) -> Response[DataPage | V1Error]:
    """List data records

     The records, with the same `filter`, `sort`, `order` and `fields` as `GET /v2/data/{collection}`
    (seed 000's filter language), in the v1 list shape, and the same keyset pages and
    `count`: `next_cursor` (beside `has_more`) is the `after` of the next page, null on the
    last; `count=none` leaves `total` null. Needs `read:data`.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListDataCount | Unset):  Default: ListDataCount.EXACT.
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListDataOrder | Unset):  Default: ListDataOrder.DESC.
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DataPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        filter_=filter_,
        sort=sort,
        order=order,
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListDataCount | Unset = ListDataCount.EXACT,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListDataOrder | Unset = ListDataOrder.DESC,
    fields: str | Unset = UNSET,
) -> DataPage:
    """List data records

     The records, with the same `filter`, `sort`, `order` and `fields` as `GET /v2/data/{collection}`
    (seed 000's filter language), in the v1 list shape, and the same keyset pages and
    `count`: `next_cursor` (beside `has_more`) is the `after` of the next page, null on the
    last; `count=none` leaves `total` null. Needs `read:data`.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListDataCount | Unset):  Default: ListDataCount.EXACT.
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListDataOrder | Unset):  Default: ListDataOrder.DESC.
        fields (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DataPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        filter_=filter_,
        sort=sort,
        order=order,
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
