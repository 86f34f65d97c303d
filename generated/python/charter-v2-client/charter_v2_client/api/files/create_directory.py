from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.directory_create import DirectoryCreate
from ...models.file_entry import FileEntry
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DirectoryCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/files/directories",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FileEntry | V2Error:
    if response.status_code == 201:
        response_201 = FileEntry.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FileEntry | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: DirectoryCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[FileEntry | V2Error]:
    """Create a directory

     A directory at `path`, kept (even empty) until it is deleted; its missing ancestors are
    made as an upload makes them, and go again with the last entry under them. A directory
    that exists only through what it holds (made above an uploaded file) becomes kept: 201
    with it (same id). A directory created on its own already at `path`, or a file there or
    above it, is 409 naming `body.path`. Needs `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (DirectoryCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileEntry | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FileEntry:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(FileEntry, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: DirectoryCreate,
    idempotency_key: str | Unset = UNSET,
) -> FileEntry:
    """Create a directory

     A directory at `path`, kept (even empty) until it is deleted; its missing ancestors are
    made as an upload makes them, and go again with the last entry under them. A directory
    that exists only through what it holds (made above an uploaded file) becomes kept: 201
    with it (same id). A directory created on its own already at `path`, or a file there or
    above it, is 409 naming `body.path`. Needs `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (DirectoryCreate):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileEntry
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
    body: DirectoryCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[FileEntry | V2Error]:
    """Create a directory

     A directory at `path`, kept (even empty) until it is deleted; its missing ancestors are
    made as an upload makes them, and go again with the last entry under them. A directory
    that exists only through what it holds (made above an uploaded file) becomes kept: 201
    with it (same id). A directory created on its own already at `path`, or a file there or
    above it, is 409 naming `body.path`. Needs `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (DirectoryCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileEntry | V2Error]
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
    body: DirectoryCreate,
    idempotency_key: str | Unset = UNSET,
) -> FileEntry:
    """Create a directory

     A directory at `path`, kept (even empty) until it is deleted; its missing ancestors are
    made as an upload makes them, and go again with the last entry under them. A directory
    that exists only through what it holds (made above an uploaded file) becomes kept: 201
    with it (same id). A directory created on its own already at `path`, or a file there or
    above it, is 409 naming `body.path`. Needs `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (DirectoryCreate):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileEntry
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
