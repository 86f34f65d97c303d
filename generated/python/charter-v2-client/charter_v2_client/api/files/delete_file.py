from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_deleted import FileDeleted
from ...models.v2_error import V2Error
from ...types import Response


def _get_kwargs(
    file_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/files/{file_id}".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FileDeleted | V2Error:
    if response.status_code == 200:
        response_200 = FileDeleted.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[FileDeleted | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[FileDeleted | V2Error]:
    """Delete a file

     Deletes a file (its bytes too, once no other version needs them) or an empty directory (a
    directory that holds anything is 409). The directories above it that were made only
    through what they held (not created on their own) and now hold nothing go too (no event
    announces them). Seed 001's answer `{"success": true, "deleted_at"}`; the id is 404
    afterwards. Announces `file.deleted`. Needs `files:write`.

    Args:
        file_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileDeleted | V2Error]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FileDeleted:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(FileDeleted, _parse_response(client=client, response=response))


def sync(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> FileDeleted:
    """Delete a file

     Deletes a file (its bytes too, once no other version needs them) or an empty directory (a
    directory that holds anything is 409). The directories above it that were made only
    through what they held (not created on their own) and now hold nothing go too (no event
    announces them). Seed 001's answer `{"success": true, "deleted_at"}`; the id is 404
    afterwards. Announces `file.deleted`. Needs `files:write`.

    Args:
        file_id (str):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileDeleted
    """

    kwargs = _get_kwargs(
        file_id=file_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[FileDeleted | V2Error]:
    """Delete a file

     Deletes a file (its bytes too, once no other version needs them) or an empty directory (a
    directory that holds anything is 409). The directories above it that were made only
    through what they held (not created on their own) and now hold nothing go too (no event
    announces them). Seed 001's answer `{"success": true, "deleted_at"}`; the id is 404
    afterwards. Announces `file.deleted`. Needs `files:write`.

    Args:
        file_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FileDeleted | V2Error]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> FileDeleted:
    """Delete a file

     Deletes a file (its bytes too, once no other version needs them) or an empty directory (a
    directory that holds anything is 409). The directories above it that were made only
    through what they held (not created on their own) and now hold nothing go too (no event
    announces them). Seed 001's answer `{"success": true, "deleted_at"}`; the id is 404
    afterwards. Announces `file.deleted`. Needs `files:write`.

    Args:
        file_id (str):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FileDeleted
    """

    kwargs = _get_kwargs(
        file_id=file_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
