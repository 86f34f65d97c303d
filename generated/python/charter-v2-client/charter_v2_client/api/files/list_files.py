from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_list import FileList
from ...models.list_files_order import ListFilesOrder
from ...models.list_files_sort import ListFilesSort
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    path: str | Unset = "/",
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    sort: ListFilesSort | Unset = ListFilesSort.NAME,
    order: ListFilesOrder | Unset = ListFilesOrder.ASC,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["path"] = path

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/files",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FileList | V2Error:
    if response.status_code == 200:
        response_200 = FileList.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FileList | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = "/",
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    sort: ListFilesSort | Unset = ListFilesSort.NAME,
    order: ListFilesOrder | Unset = ListFilesOrder.ASC,
) -> Response[FileList | V2Error]:
    """List files

     The direct children (files and directories) of the directory `path` (default the root `/`),
    in seed 001's own list shape `{"files": [...], "total", "limit", "offset"}` rather than this
    surface's `data`/`pagination` shape, because seed 001 documents it so. Directories exist
    through the files under them (an upload creates its missing directories, which go again
    with the last entry under them) and may be created on their own (kept, even empty, until
    deleted). Sorted by `sort` (`name`, `size` or `modified`) and `order`. A `path` that is not a
    directory is 404. Needs `files:read`.

    Args:
        path (str | Unset):  Default: '/'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        sort (ListFilesSort | Unset):  Default: ListFilesSort.NAME.
        order (ListFilesOrder | Unset):  Default: ListFilesOrder.ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileList | V2Error]
    """

    kwargs = _get_kwargs(
        path=path,
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FileList:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(FileList, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = "/",
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    sort: ListFilesSort | Unset = ListFilesSort.NAME,
    order: ListFilesOrder | Unset = ListFilesOrder.ASC,
) -> FileList:
    """List files

     The direct children (files and directories) of the directory `path` (default the root `/`),
    in seed 001's own list shape `{"files": [...], "total", "limit", "offset"}` rather than this
    surface's `data`/`pagination` shape, because seed 001 documents it so. Directories exist
    through the files under them (an upload creates its missing directories, which go again
    with the last entry under them) and may be created on their own (kept, even empty, until
    deleted). Sorted by `sort` (`name`, `size` or `modified`) and `order`. A `path` that is not a
    directory is 404. Needs `files:read`.

    Args:
        path (str | Unset):  Default: '/'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        sort (ListFilesSort | Unset):  Default: ListFilesSort.NAME.
        order (ListFilesOrder | Unset):  Default: ListFilesOrder.ASC.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileList
    """

    kwargs = _get_kwargs(
        path=path,
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = "/",
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    sort: ListFilesSort | Unset = ListFilesSort.NAME,
    order: ListFilesOrder | Unset = ListFilesOrder.ASC,
) -> Response[FileList | V2Error]:
    """List files

     The direct children (files and directories) of the directory `path` (default the root `/`),
    in seed 001's own list shape `{"files": [...], "total", "limit", "offset"}` rather than this
    surface's `data`/`pagination` shape, because seed 001 documents it so. Directories exist
    through the files under them (an upload creates its missing directories, which go again
    with the last entry under them) and may be created on their own (kept, even empty, until
    deleted). Sorted by `sort` (`name`, `size` or `modified`) and `order`. A `path` that is not a
    directory is 404. Needs `files:read`.

    Args:
        path (str | Unset):  Default: '/'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        sort (ListFilesSort | Unset):  Default: ListFilesSort.NAME.
        order (ListFilesOrder | Unset):  Default: ListFilesOrder.ASC.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileList | V2Error]
    """

    kwargs = _get_kwargs(
        path=path,
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    path: str | Unset = "/",
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    sort: ListFilesSort | Unset = ListFilesSort.NAME,
    order: ListFilesOrder | Unset = ListFilesOrder.ASC,
) -> FileList:
    """List files

     The direct children (files and directories) of the directory `path` (default the root `/`),
    in seed 001's own list shape `{"files": [...], "total", "limit", "offset"}` rather than this
    surface's `data`/`pagination` shape, because seed 001 documents it so. Directories exist
    through the files under them (an upload creates its missing directories, which go again
    with the last entry under them) and may be created on their own (kept, even empty, until
    deleted). Sorted by `sort` (`name`, `size` or `modified`) and `order`. A `path` that is not a
    directory is 404. Needs `files:read`.

    Args:
        path (str | Unset):  Default: '/'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        sort (ListFilesSort | Unset):  Default: ListFilesSort.NAME.
        order (ListFilesOrder | Unset):  Default: ListFilesOrder.ASC.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileList
    """

    kwargs = _get_kwargs(
        path=path,
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
