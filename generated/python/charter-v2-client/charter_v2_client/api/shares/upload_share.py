from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.share_upload import ShareUpload
from ...models.shared_upload import SharedUpload
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    token: str,
    *,
    body: ShareUpload,
    x_share_unlock: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_share_unlock, Unset):
        headers["X-Share-Unlock"] = x_share_unlock

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/shares/{token}/upload".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> SharedUpload | V2Error:
    if response.status_code == 201:
        response_201 = SharedUpload.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = V2Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = V2Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = V2Error.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = V2Error.from_dict(response.json())

        return response_410

    if response.status_code == 413:
        response_413 = V2Error.from_dict(response.json())

        return response_413

    if response.status_code == 423:
        response_423 = V2Error.from_dict(response.json())

        return response_423

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[SharedUpload | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUpload,
    x_share_unlock: str | Unset = UNSET,
) -> Response[SharedUpload | V2Error]:
    """Upload a new version through an edit share

     Seed 001's `edit` permission: the recipient of an `edit` share uploads a new version of the
    shared file, without credentials. `multipart/form-data` with `file` (required); the bytes
    stream to storage as `POST /files/upload` streams them (never whole in memory, the
    `upload` timeout class, `CHARTER_MAX_FILE_BYTES`). The file keeps its id, name and path
    and gets the next `version`, exactly as an upload with `overwrite=true`; its type is the
    part's declared `Content-Type`, else guessed from the file's name (the uploaded file name
    is not used). The size counts against the storage quota of the organization that owns the
    file (413 naming the quota). Announces `file.created`, as every upload does; the audit
    trail names the share as the actor. The answer does not reveal the file's id or path.

    The link is checked before the body is read, so a refused upload stores nothing: unknown
    link 404; `view` share 403 `FORBIDDEN`; a password-protected share without a valid
    `X-Share-Unlock` (the token of the URL `POST /shares/{token}/unlock` answered, for this
    share, less than 5 minutes old) 401 `UNAUTHORIZED`; an expired or revoked share, or a
    deleted file, 410 `GONE`; a share locked by wrong passwords 423 `LOCKED`. The link is
    checked again when the upload is recorded (a share revoked meanwhile is 410).

    Args:
        token (str):
        x_share_unlock (str | Unset):
        body (ShareUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SharedUpload | V2Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        x_share_unlock=x_share_unlock,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> SharedUpload:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(SharedUpload, _parse_response(client=client, response=response))


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUpload,
    x_share_unlock: str | Unset = UNSET,
) -> SharedUpload:
    """Upload a new version through an edit share

     Seed 001's `edit` permission: the recipient of an `edit` share uploads a new version of the
    shared file, without credentials. `multipart/form-data` with `file` (required); the bytes
    stream to storage as `POST /files/upload` streams them (never whole in memory, the
    `upload` timeout class, `CHARTER_MAX_FILE_BYTES`). The file keeps its id, name and path
    and gets the next `version`, exactly as an upload with `overwrite=true`; its type is the
    part's declared `Content-Type`, else guessed from the file's name (the uploaded file name
    is not used). The size counts against the storage quota of the organization that owns the
    file (413 naming the quota). Announces `file.created`, as every upload does; the audit
    trail names the share as the actor. The answer does not reveal the file's id or path.

    The link is checked before the body is read, so a refused upload stores nothing: unknown
    link 404; `view` share 403 `FORBIDDEN`; a password-protected share without a valid
    `X-Share-Unlock` (the token of the URL `POST /shares/{token}/unlock` answered, for this
    share, less than 5 minutes old) 401 `UNAUTHORIZED`; an expired or revoked share, or a
    deleted file, 410 `GONE`; a share locked by wrong passwords 423 `LOCKED`. The link is
    checked again when the upload is recorded (a share revoked meanwhile is 410).

    Args:
        token (str):
        x_share_unlock (str | Unset):
        body (ShareUpload):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SharedUpload
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        x_share_unlock=x_share_unlock,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUpload,
    x_share_unlock: str | Unset = UNSET,
) -> Response[SharedUpload | V2Error]:
    """Upload a new version through an edit share

     Seed 001's `edit` permission: the recipient of an `edit` share uploads a new version of the
    shared file, without credentials. `multipart/form-data` with `file` (required); the bytes
    stream to storage as `POST /files/upload` streams them (never whole in memory, the
    `upload` timeout class, `CHARTER_MAX_FILE_BYTES`). The file keeps its id, name and path
    and gets the next `version`, exactly as an upload with `overwrite=true`; its type is the
    part's declared `Content-Type`, else guessed from the file's name (the uploaded file name
    is not used). The size counts against the storage quota of the organization that owns the
    file (413 naming the quota). Announces `file.created`, as every upload does; the audit
    trail names the share as the actor. The answer does not reveal the file's id or path.

    The link is checked before the body is read, so a refused upload stores nothing: unknown
    link 404; `view` share 403 `FORBIDDEN`; a password-protected share without a valid
    `X-Share-Unlock` (the token of the URL `POST /shares/{token}/unlock` answered, for this
    share, less than 5 minutes old) 401 `UNAUTHORIZED`; an expired or revoked share, or a
    deleted file, 410 `GONE`; a share locked by wrong passwords 423 `LOCKED`. The link is
    checked again when the upload is recorded (a share revoked meanwhile is 410).

    Args:
        token (str):
        x_share_unlock (str | Unset):
        body (ShareUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SharedUpload | V2Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        x_share_unlock=x_share_unlock,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUpload,
    x_share_unlock: str | Unset = UNSET,
) -> SharedUpload:
    """Upload a new version through an edit share

     Seed 001's `edit` permission: the recipient of an `edit` share uploads a new version of the
    shared file, without credentials. `multipart/form-data` with `file` (required); the bytes
    stream to storage as `POST /files/upload` streams them (never whole in memory, the
    `upload` timeout class, `CHARTER_MAX_FILE_BYTES`). The file keeps its id, name and path
    and gets the next `version`, exactly as an upload with `overwrite=true`; its type is the
    part's declared `Content-Type`, else guessed from the file's name (the uploaded file name
    is not used). The size counts against the storage quota of the organization that owns the
    file (413 naming the quota). Announces `file.created`, as every upload does; the audit
    trail names the share as the actor. The answer does not reveal the file's id or path.

    The link is checked before the body is read, so a refused upload stores nothing: unknown
    link 404; `view` share 403 `FORBIDDEN`; a password-protected share without a valid
    `X-Share-Unlock` (the token of the URL `POST /shares/{token}/unlock` answered, for this
    share, less than 5 minutes old) 401 `UNAUTHORIZED`; an expired or revoked share, or a
    deleted file, 410 `GONE`; a share locked by wrong passwords 423 `LOCKED`. The link is
    checked again when the upload is recorded (a share revoked meanwhile is 410).

    Args:
        token (str):
        x_share_unlock (str | Unset):
        body (ShareUpload):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SharedUpload
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
        x_share_unlock=x_share_unlock,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
