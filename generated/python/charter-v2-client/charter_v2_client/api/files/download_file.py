from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v2_error import V2Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    file_id: str,
    *,
    range_: str | Unset = UNSET,
    if_range: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(range_, Unset):
        headers["Range"] = range_

    if not isinstance(if_range, Unset):
        headers["If-Range"] = if_range

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    if not isinstance(if_modified_since, Unset):
        headers["If-Modified-Since"] = if_modified_since

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/files/{file_id}/download".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File | V2Error:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | File | V2Error]:
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
    range_: str | Unset = UNSET,
    if_range: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> Response[Any | File | V2Error]:
    """Download a file

     The bytes, streamed, with their `Content-Type`, `Content-Length`, `ETag` (the SHA-256
    checksum), `Last-Modified` and an RFC 6266 `Content-Disposition` with an RFC 5987
    `filename*`: `inline` for images, audio, video, PDF and plain text, `attachment` for every
    other type (HTML and SVG included). Every answer carries `X-Content-Type-Options: nosniff`
    and `Content-Security-Policy: sandbox`, so nothing downloaded runs in the browser. One
    `Range` (`bytes=first-last`, `first-` or `-suffix`) answers 206 with `Content-Range`; a
    `last` or `suffix` past the end (of any length) is clamped to it (RFC 9110 14.1.2:
    `bytes=0-99999999999999999999` of an 11-byte file is `bytes 0-10/11`); a `first` past the
    end, or a `last` before `first`, is 416; several ranges, or an `If-Range` that no longer
    matches, the whole file. `If-None-Match` (or, without it, `If-Modified-Since`) answers 304 when the
    copy is
    current. `HEAD` answers the same headers without the bytes. A directory is 400. Needs
    `files:read`.

    Args:
        file_id (str):
        range_ (str | Unset):
        if_range (str | Unset):
        if_none_match (str | Unset):
        if_modified_since (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | V2Error]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        range_=range_,
        if_range=if_range,
        if_none_match=if_none_match,
        if_modified_since=if_modified_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(Any | File, _parse_response(client=client, response=response))


def sync(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
    range_: str | Unset = UNSET,
    if_range: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> Any | File:
    """Download a file

     The bytes, streamed, with their `Content-Type`, `Content-Length`, `ETag` (the SHA-256
    checksum), `Last-Modified` and an RFC 6266 `Content-Disposition` with an RFC 5987
    `filename*`: `inline` for images, audio, video, PDF and plain text, `attachment` for every
    other type (HTML and SVG included). Every answer carries `X-Content-Type-Options: nosniff`
    and `Content-Security-Policy: sandbox`, so nothing downloaded runs in the browser. One
    `Range` (`bytes=first-last`, `first-` or `-suffix`) answers 206 with `Content-Range`; a
    `last` or `suffix` past the end (of any length) is clamped to it (RFC 9110 14.1.2:
    `bytes=0-99999999999999999999` of an 11-byte file is `bytes 0-10/11`); a `first` past the
    end, or a `last` before `first`, is 416; several ranges, or an `If-Range` that no longer
    matches, the whole file. `If-None-Match` (or, without it, `If-Modified-Since`) answers 304 when the
    copy is
    current. `HEAD` answers the same headers without the bytes. A directory is 400. Needs
    `files:read`.

    Args:
        file_id (str):
        range_ (str | Unset):
        if_range (str | Unset):
        if_none_match (str | Unset):
        if_modified_since (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        range_=range_,
        if_range=if_range,
        if_none_match=if_none_match,
        if_modified_since=if_modified_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
    range_: str | Unset = UNSET,
    if_range: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> Response[Any | File | V2Error]:
    """Download a file

     The bytes, streamed, with their `Content-Type`, `Content-Length`, `ETag` (the SHA-256
    checksum), `Last-Modified` and an RFC 6266 `Content-Disposition` with an RFC 5987
    `filename*`: `inline` for images, audio, video, PDF and plain text, `attachment` for every
    other type (HTML and SVG included). Every answer carries `X-Content-Type-Options: nosniff`
    and `Content-Security-Policy: sandbox`, so nothing downloaded runs in the browser. One
    `Range` (`bytes=first-last`, `first-` or `-suffix`) answers 206 with `Content-Range`; a
    `last` or `suffix` past the end (of any length) is clamped to it (RFC 9110 14.1.2:
    `bytes=0-99999999999999999999` of an 11-byte file is `bytes 0-10/11`); a `first` past the
    end, or a `last` before `first`, is 416; several ranges, or an `If-Range` that no longer
    matches, the whole file. `If-None-Match` (or, without it, `If-Modified-Since`) answers 304 when the
    copy is
    current. `HEAD` answers the same headers without the bytes. A directory is 400. Needs
    `files:read`.

    Args:
        file_id (str):
        range_ (str | Unset):
        if_range (str | Unset):
        if_none_match (str | Unset):
        if_modified_since (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | V2Error]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        range_=range_,
        if_range=if_range,
        if_none_match=if_none_match,
        if_modified_since=if_modified_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
    range_: str | Unset = UNSET,
    if_range: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> Any | File:
    """Download a file

     The bytes, streamed, with their `Content-Type`, `Content-Length`, `ETag` (the SHA-256
    checksum), `Last-Modified` and an RFC 6266 `Content-Disposition` with an RFC 5987
    `filename*`: `inline` for images, audio, video, PDF and plain text, `attachment` for every
    other type (HTML and SVG included). Every answer carries `X-Content-Type-Options: nosniff`
    and `Content-Security-Policy: sandbox`, so nothing downloaded runs in the browser. One
    `Range` (`bytes=first-last`, `first-` or `-suffix`) answers 206 with `Content-Range`; a
    `last` or `suffix` past the end (of any length) is clamped to it (RFC 9110 14.1.2:
    `bytes=0-99999999999999999999` of an 11-byte file is `bytes 0-10/11`); a `first` past the
    end, or a `last` before `first`, is 416; several ranges, or an `If-Range` that no longer
    matches, the whole file. `If-None-Match` (or, without it, `If-Modified-Since`) answers 304 when the
    copy is
    current. `HEAD` answers the same headers without the bytes. A directory is 400. Needs
    `files:read`.

    Args:
        file_id (str):
        range_ (str | Unset):
        if_range (str | Unset):
        if_none_match (str | Unset):
        if_modified_since (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        range_=range_,
        if_range=if_range,
        if_none_match=if_none_match,
        if_modified_since=if_modified_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
