from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_records_count import ListRecordsCount
from ...models.list_records_order import ListRecordsOrder
from ...models.record_page import RecordPage
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collection: str,
    *,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListRecordsOrder | Unset = ListRecordsOrder.DESC,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListRecordsCount | Unset = ListRecordsCount.EXACT,
    fields: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["filter"] = filter_

    params["sort"] = sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["limit"] = limit

    params["offset"] = offset

    params["after"] = after

    json_count: str | Unset = UNSET
    if not isinstance(count, Unset):
        json_count = count.value

    params["count"] = json_count

    params["fields"] = fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/data/{collection}".format(
            collection=quote(str(collection), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> RecordPage | V2Error:
    if response.status_code == 200:
        response_200 = RecordPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RecordPage | V2Error]:
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
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListRecordsOrder | Unset = ListRecordsOrder.DESC,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListRecordsCount | Unset = ListRecordsCount.EXACT,
    fields: str | Unset = UNSET,
) -> Response[RecordPage | V2Error]:
    """Query records

     Records of the collection, filtered, sorted and paged; expired records never appear.
    `filter` is seed 000's language: `field:op:value` clauses joined by `;` (all must hold),
    ops `eq ne gt gte lt lte in contains` (`in` takes a comma list), e.g.
    `status:eq:active;price:gt:10;category:in:electronics,gadgets`. A clause splits at its
    first two `:`; a backslash escapes `;`, `,` and `\\` in values. Names reach into `data`
    (`price`, `dimensions.width`); `id`, `collection`, `created_at`, `updated_at` and
    `expires_at` are the record's own fields, and `data.` / `metadata.` prefixes reach keys
    those names would hide. Values are typed as JSON reads them (`10`, `true`, `null`, else a
    string; `"10"` forces a string) and match only fields of the same type; a record without
    the field never matches (`ne` included). `contains` is a case-insensitive substring on
    strings and an element match on arrays. A malformed filter answers 400 naming the clause.

    Paging: `offset` and `limit`, or keyset pages: every page whose `has_more` is true carries
    `pagination.next_cursor`; send it back as `after` (with the same `sort`, `order` and
    `filter`) for the next page, which then costs what the first one costs (with the default
    sort it reads the collection's index from the cursor on). `next_cursor` is null on the
    last page. `count` chooses how `total` is computed (`none` skips the count: `total` is
    null). Needs `read:data`.

    Args:
        collection (str):
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListRecordsOrder | Unset):  Default: ListRecordsOrder.DESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListRecordsCount | Unset):  Default: ListRecordsCount.EXACT.
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordPage | V2Error]
    """

    kwargs = _get_kwargs(
        collection=collection,
        filter_=filter_,
        sort=sort,
        order=order,
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> RecordPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(RecordPage, _parse_response(client=client, response=response))


def sync(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListRecordsOrder | Unset = ListRecordsOrder.DESC,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListRecordsCount | Unset = ListRecordsCount.EXACT,
    fields: str | Unset = UNSET,
) -> RecordPage:
    """Query records

     Records of the collection, filtered, sorted and paged; expired records never appear.
    `filter` is seed 000's language: `field:op:value` clauses joined by `;` (all must hold),
    ops `eq ne gt gte lt lte in contains` (`in` takes a comma list), e.g.
    `status:eq:active;price:gt:10;category:in:electronics,gadgets`. A clause splits at its
    first two `:`; a backslash escapes `;`, `,` and `\\` in values. Names reach into `data`
    (`price`, `dimensions.width`); `id`, `collection`, `created_at`, `updated_at` and
    `expires_at` are the record's own fields, and `data.` / `metadata.` prefixes reach keys
    those names would hide. Values are typed as JSON reads them (`10`, `true`, `null`, else a
    string; `"10"` forces a string) and match only fields of the same type; a record without
    the field never matches (`ne` included). `contains` is a case-insensitive substring on
    strings and an element match on arrays. A malformed filter answers 400 naming the clause.

    Paging: `offset` and `limit`, or keyset pages: every page whose `has_more` is true carries
    `pagination.next_cursor`; send it back as `after` (with the same `sort`, `order` and
    `filter`) for the next page, which then costs what the first one costs (with the default
    sort it reads the collection's index from the cursor on). `next_cursor` is null on the
    last page. `count` chooses how `total` is computed (`none` skips the count: `total` is
    null). Needs `read:data`.

    Args:
        collection (str):
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListRecordsOrder | Unset):  Default: ListRecordsOrder.DESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListRecordsCount | Unset):  Default: ListRecordsCount.EXACT.
        fields (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordPage
    """

    kwargs = _get_kwargs(
        collection=collection,
        filter_=filter_,
        sort=sort,
        order=order,
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListRecordsOrder | Unset = ListRecordsOrder.DESC,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListRecordsCount | Unset = ListRecordsCount.EXACT,
    fields: str | Unset = UNSET,
) -> Response[RecordPage | V2Error]:
    """Query records

     Records of the collection, filtered, sorted and paged; expired records never appear.
    `filter` is seed 000's language: `field:op:value` clauses joined by `;` (all must hold),
    ops `eq ne gt gte lt lte in contains` (`in` takes a comma list), e.g.
    `status:eq:active;price:gt:10;category:in:electronics,gadgets`. A clause splits at its
    first two `:`; a backslash escapes `;`, `,` and `\\` in values. Names reach into `data`
    (`price`, `dimensions.width`); `id`, `collection`, `created_at`, `updated_at` and
    `expires_at` are the record's own fields, and `data.` / `metadata.` prefixes reach keys
    those names would hide. Values are typed as JSON reads them (`10`, `true`, `null`, else a
    string; `"10"` forces a string) and match only fields of the same type; a record without
    the field never matches (`ne` included). `contains` is a case-insensitive substring on
    strings and an element match on arrays. A malformed filter answers 400 naming the clause.

    Paging: `offset` and `limit`, or keyset pages: every page whose `has_more` is true carries
    `pagination.next_cursor`; send it back as `after` (with the same `sort`, `order` and
    `filter`) for the next page, which then costs what the first one costs (with the default
    sort it reads the collection's index from the cursor on). `next_cursor` is null on the
    last page. `count` chooses how `total` is computed (`none` skips the count: `total` is
    null). Needs `read:data`.

    Args:
        collection (str):
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListRecordsOrder | Unset):  Default: ListRecordsOrder.DESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListRecordsCount | Unset):  Default: ListRecordsCount.EXACT.
        fields (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RecordPage | V2Error]
    """

    kwargs = _get_kwargs(
        collection=collection,
        filter_=filter_,
        sort=sort,
        order=order,
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection: str,
    *,
    client: AuthenticatedClient | Client,
    filter_: str | Unset = UNSET,
    sort: str | Unset = "created_at",
    order: ListRecordsOrder | Unset = ListRecordsOrder.DESC,
    limit: int | Unset = 20,
    offset: int | Unset = UNSET,
    after: str | Unset = UNSET,
    count: ListRecordsCount | Unset = ListRecordsCount.EXACT,
    fields: str | Unset = UNSET,
) -> RecordPage:
    """Query records

     Records of the collection, filtered, sorted and paged; expired records never appear.
    `filter` is seed 000's language: `field:op:value` clauses joined by `;` (all must hold),
    ops `eq ne gt gte lt lte in contains` (`in` takes a comma list), e.g.
    `status:eq:active;price:gt:10;category:in:electronics,gadgets`. A clause splits at its
    first two `:`; a backslash escapes `;`, `,` and `\\` in values. Names reach into `data`
    (`price`, `dimensions.width`); `id`, `collection`, `created_at`, `updated_at` and
    `expires_at` are the record's own fields, and `data.` / `metadata.` prefixes reach keys
    those names would hide. Values are typed as JSON reads them (`10`, `true`, `null`, else a
    string; `"10"` forces a string) and match only fields of the same type; a record without
    the field never matches (`ne` included). `contains` is a case-insensitive substring on
    strings and an element match on arrays. A malformed filter answers 400 naming the clause.

    Paging: `offset` and `limit`, or keyset pages: every page whose `has_more` is true carries
    `pagination.next_cursor`; send it back as `after` (with the same `sort`, `order` and
    `filter`) for the next page, which then costs what the first one costs (with the default
    sort it reads the collection's index from the cursor on). `next_cursor` is null on the
    last page. `count` chooses how `total` is computed (`none` skips the count: `total` is
    null). Needs `read:data`.

    Args:
        collection (str):
        filter_ (str | Unset):
        sort (str | Unset):  Default: 'created_at'.
        order (ListRecordsOrder | Unset):  Default: ListRecordsOrder.DESC.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):
        after (str | Unset):
        count (ListRecordsCount | Unset):  Default: ListRecordsCount.EXACT.
        fields (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RecordPage
    """

    kwargs = _get_kwargs(
        collection=collection,
        filter_=filter_,
        sort=sort,
        order=order,
        limit=limit,
        offset=offset,
        after=after,
        count=count,
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
