from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.file_upload import FileUpload
from ...models.uploaded_file import UploadedFile
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FileUpload,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/files/upload",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UploadedFile | V2Error:
    if response.status_code == 201:
        response_201 = UploadedFile.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UploadedFile | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FileUpload,
    idempotency_key: str | Unset = UNSET,
) -> Response[UploadedFile | V2Error]:
    """Upload a file

     Seed 001's upload: `multipart/form-data` with `file` (required), `path` (the destination
    directory, default `/`; the file keeps its uploaded name, so `path=/documents` with
    `document.pdf` stores `/documents/document.pdf`) and `overwrite`. The bytes stream to
    storage as they arrive (never whole in memory), under the `upload` timeout class (300 s by
    default) and the file size limit `CHARTER_MAX_FILE_BYTES` (413 `PAYLOAD_TOO_LARGE` naming
    it), not the JSON body limit. An existing file at the result without `overwrite=true` is
    409 `CONFLICT` naming `body.overwrite`; with it, the file keeps its id and gets a new
    `version`; a directory there is 409 naming `body.file`. A file larger than what is left of
    the organization's plan quota is 413 naming the quota. Missing directories are created.
    `path` is always a directory, never the file's own path: `path=/docs/a.txt` with `a.txt`
    stores `/docs/a.txt/a.txt` when `/docs/a.txt` is (or becomes) a directory, and is 409
    `CONFLICT` naming `body.path` when `/docs/a.txt` is a file (no file is ever put under a
    file); send `path=/docs` to replace `/docs/a.txt`. Announces `file.created`. Needs
    `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (FileUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UploadedFile | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UploadedFile:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(UploadedFile, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FileUpload,
    idempotency_key: str | Unset = UNSET,
) -> UploadedFile:
    """Upload a file

     Seed 001's upload: `multipart/form-data` with `file` (required), `path` (the destination
    directory, default `/`; the file keeps its uploaded name, so `path=/documents` with
    `document.pdf` stores `/documents/document.pdf`) and `overwrite`. The bytes stream to
    storage as they arrive (never whole in memory), under the `upload` timeout class (300 s by
    default) and the file size limit `CHARTER_MAX_FILE_BYTES` (413 `PAYLOAD_TOO_LARGE` naming
    it), not the JSON body limit. An existing file at the result without `overwrite=true` is
    409 `CONFLICT` naming `body.overwrite`; with it, the file keeps its id and gets a new
    `version`; a directory there is 409 naming `body.file`. A file larger than what is left of
    the organization's plan quota is 413 naming the quota. Missing directories are created.
    `path` is always a directory, never the file's own path: `path=/docs/a.txt` with `a.txt`
    stores `/docs/a.txt/a.txt` when `/docs/a.txt` is (or becomes) a directory, and is 409
    `CONFLICT` naming `body.path` when `/docs/a.txt` is a file (no file is ever put under a
    file); send `path=/docs` to replace `/docs/a.txt`. Announces `file.created`. Needs
    `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (FileUpload):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UploadedFile
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
    body: FileUpload,
    idempotency_key: str | Unset = UNSET,
) -> Response[UploadedFile | V2Error]:
    """Upload a file

     Seed 001's upload: `multipart/form-data` with `file` (required), `path` (the destination
    directory, default `/`; the file keeps its uploaded name, so `path=/documents` with
    `document.pdf` stores `/documents/document.pdf`) and `overwrite`. The bytes stream to
    storage as they arrive (never whole in memory), under the `upload` timeout class (300 s by
    default) and the file size limit `CHARTER_MAX_FILE_BYTES` (413 `PAYLOAD_TOO_LARGE` naming
    it), not the JSON body limit. An existing file at the result without `overwrite=true` is
    409 `CONFLICT` naming `body.overwrite`; with it, the file keeps its id and gets a new
    `version`; a directory there is 409 naming `body.file`. A file larger than what is left of
    the organization's plan quota is 413 naming the quota. Missing directories are created.
    `path` is always a directory, never the file's own path: `path=/docs/a.txt` with `a.txt`
    stores `/docs/a.txt/a.txt` when `/docs/a.txt` is (or becomes) a directory, and is 409
    `CONFLICT` naming `body.path` when `/docs/a.txt` is a file (no file is ever put under a
    file); send `path=/docs` to replace `/docs/a.txt`. Announces `file.created`. Needs
    `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (FileUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UploadedFile | V2Error]
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
    body: FileUpload,
    idempotency_key: str | Unset = UNSET,
) -> UploadedFile:
    """Upload a file

     Seed 001's upload: `multipart/form-data` with `file` (required), `path` (the destination
    directory, default `/`; the file keeps its uploaded name, so `path=/documents` with
    `document.pdf` stores `/documents/document.pdf`) and `overwrite`. The bytes stream to
    storage as they arrive (never whole in memory), under the `upload` timeout class (300 s by
    default) and the file size limit `CHARTER_MAX_FILE_BYTES` (413 `PAYLOAD_TOO_LARGE` naming
    it), not the JSON body limit. An existing file at the result without `overwrite=true` is
    409 `CONFLICT` naming `body.overwrite`; with it, the file keeps its id and gets a new
    `version`; a directory there is 409 naming `body.file`. A file larger than what is left of
    the organization's plan quota is 413 naming the quota. Missing directories are created.
    `path` is always a directory, never the file's own path: `path=/docs/a.txt` with `a.txt`
    stores `/docs/a.txt/a.txt` when `/docs/a.txt` is (or becomes) a directory, and is 409
    `CONFLICT` naming `body.path` when `/docs/a.txt` is a file (no file is ever put under a
    file); send `path=/docs` to replace `/docs/a.txt`. Announces `file.created`. Needs
    `files:write`.

    Args:
        idempotency_key (str | Unset):
        body (FileUpload):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UploadedFile
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
