from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_page import ApiKeyPage
from ...models.list_keys_mode import ListKeysMode
from ...models.list_keys_order import ListKeysOrder
from ...models.list_keys_sort import ListKeysSort
from ...models.list_keys_status import ListKeysStatus
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListKeysSort | Unset = ListKeysSort.CREATED_AT,
    order: ListKeysOrder | Unset = ListKeysOrder.DESC,
    mode: ListKeysMode | Unset = UNSET,
    status: ListKeysStatus | Unset = UNSET,
    name: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["name"] = name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/keys",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeyPage | V1Error:
    if response.status_code == 200:
        response_200 = ApiKeyPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeyPage | V1Error]:
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
    offset: int | Unset = 0,
    sort: ListKeysSort | Unset = ListKeysSort.CREATED_AT,
    order: ListKeysOrder | Unset = ListKeysOrder.DESC,
    mode: ListKeysMode | Unset = UNSET,
    status: ListKeysStatus | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Response[ApiKeyPage | V1Error]:
    """List API keys

     The organization's keys. Live credentials see and manage live and sandbox keys; sandbox
    (`sk_test_`) credentials only sandbox keys. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListKeysSort | Unset):  Default: ListKeysSort.CREATED_AT.
        order (ListKeysOrder | Unset):  Default: ListKeysOrder.DESC.
        mode (ListKeysMode | Unset):
        status (ListKeysStatus | Unset):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        mode=mode,
        status=status,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeyPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(ApiKeyPage, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListKeysSort | Unset = ListKeysSort.CREATED_AT,
    order: ListKeysOrder | Unset = ListKeysOrder.DESC,
    mode: ListKeysMode | Unset = UNSET,
    status: ListKeysStatus | Unset = UNSET,
    name: str | Unset = UNSET,
) -> ApiKeyPage:
    """List API keys

     The organization's keys. Live credentials see and manage live and sandbox keys; sandbox
    (`sk_test_`) credentials only sandbox keys. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListKeysSort | Unset):  Default: ListKeysSort.CREATED_AT.
        order (ListKeysOrder | Unset):  Default: ListKeysOrder.DESC.
        mode (ListKeysMode | Unset):
        status (ListKeysStatus | Unset):
        name (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        mode=mode,
        status=status,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListKeysSort | Unset = ListKeysSort.CREATED_AT,
    order: ListKeysOrder | Unset = ListKeysOrder.DESC,
    mode: ListKeysMode | Unset = UNSET,
    status: ListKeysStatus | Unset = UNSET,
    name: str | Unset = UNSET,
) -> Response[ApiKeyPage | V1Error]:
    """List API keys

     The organization's keys. Live credentials see and manage live and sandbox keys; sandbox
    (`sk_test_`) credentials only sandbox keys. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListKeysSort | Unset):  Default: ListKeysSort.CREATED_AT.
        order (ListKeysOrder | Unset):  Default: ListKeysOrder.DESC.
        mode (ListKeysMode | Unset):
        status (ListKeysStatus | Unset):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        mode=mode,
        status=status,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListKeysSort | Unset = ListKeysSort.CREATED_AT,
    order: ListKeysOrder | Unset = ListKeysOrder.DESC,
    mode: ListKeysMode | Unset = UNSET,
    status: ListKeysStatus | Unset = UNSET,
    name: str | Unset = UNSET,
) -> ApiKeyPage:
    """List API keys

     The organization's keys. Live credentials see and manage live and sandbox keys; sandbox
    (`sk_test_`) credentials only sandbox keys. Secrets are never shown.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListKeysSort | Unset):  Default: ListKeysSort.CREATED_AT.
        order (ListKeysOrder | Unset):  Default: ListKeysOrder.DESC.
        mode (ListKeysMode | Unset):
        status (ListKeysStatus | Unset):
        name (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        mode=mode,
        status=status,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
