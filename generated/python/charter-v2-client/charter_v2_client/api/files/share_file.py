from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.share_created import ShareCreated
from ...models.share_request import ShareRequest
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    file_id: str,
    *,
    body: ShareRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/files/{file_id}/share".format(
            file_id=quote(str(file_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ShareCreated | V2Error:
    if response.status_code == 201:
        response_201 = ShareCreated.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ShareCreated | V2Error]:
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
    body: ShareRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ShareCreated | V2Error]:
    """Share a file

     Seed 001's share: a link for `email` with `permissions` (`view`: see and download; `edit`:
    also upload a new version, `POST /shares/{token}/upload`), an optional
    `expires_at` (future) and `password_protected`. The answer holds the link (`url`, shown
    only here) and, when password protected, a generated `password` shown this once: pass it on
    separately, it is never sent with the link. The recipient gets the link through the sender
    of one-time codes (`CHARTER_OTP_SENDER`: logged in development, POSTed to the signed
    webhook bridge in production). The link's origin is `CHARTER_PUBLIC_URL`; in production
    without it sharing answers 503 (never a link built from the request's `Host`). A directory
    cannot be shared (400). `email` follows the one email rule of every surface (the users'
    rule, schema `Email`): an address such as `a b@example.com`, `a@`, `<script>@x.example` or
    one with a line break is 400 `INVALID_REQUEST` naming `body.email`, and nothing is stored
    or sent. Announces `file.shared`. Needs `files:share`.

    Args:
        file_id (str):
        idempotency_key (str | Unset):
        body (ShareRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ShareCreated | V2Error]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ShareCreated:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(ShareCreated, _parse_response(client=client, response=response))


def sync(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareRequest,
    idempotency_key: str | Unset = UNSET,
) -> ShareCreated:
    """Share a file

     Seed 001's share: a link for `email` with `permissions` (`view`: see and download; `edit`:
    also upload a new version, `POST /shares/{token}/upload`), an optional
    `expires_at` (future) and `password_protected`. The answer holds the link (`url`, shown
    only here) and, when password protected, a generated `password` shown this once: pass it on
    separately, it is never sent with the link. The recipient gets the link through the sender
    of one-time codes (`CHARTER_OTP_SENDER`: logged in development, POSTed to the signed
    webhook bridge in production). The link's origin is `CHARTER_PUBLIC_URL`; in production
    without it sharing answers 503 (never a link built from the request's `Host`). A directory
    cannot be shared (400). `email` follows the one email rule of every surface (the users'
    rule, schema `Email`): an address such as `a b@example.com`, `a@`, `<script>@x.example` or
    one with a line break is 400 `INVALID_REQUEST` naming `body.email`, and nothing is stored
    or sent. Announces `file.shared`. Needs `files:share`.

    Args:
        file_id (str):
        idempotency_key (str | Unset):
        body (ShareRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ShareCreated
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ShareCreated | V2Error]:
    """Share a file

     Seed 001's share: a link for `email` with `permissions` (`view`: see and download; `edit`:
    also upload a new version, `POST /shares/{token}/upload`), an optional
    `expires_at` (future) and `password_protected`. The answer holds the link (`url`, shown
    only here) and, when password protected, a generated `password` shown this once: pass it on
    separately, it is never sent with the link. The recipient gets the link through the sender
    of one-time codes (`CHARTER_OTP_SENDER`: logged in development, POSTed to the signed
    webhook bridge in production). The link's origin is `CHARTER_PUBLIC_URL`; in production
    without it sharing answers 503 (never a link built from the request's `Host`). A directory
    cannot be shared (400). `email` follows the one email rule of every surface (the users'
    rule, schema `Email`): an address such as `a b@example.com`, `a@`, `<script>@x.example` or
    one with a line break is 400 `INVALID_REQUEST` naming `body.email`, and nothing is stored
    or sent. Announces `file.shared`. Needs `files:share`.

    Args:
        file_id (str):
        idempotency_key (str | Unset):
        body (ShareRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ShareCreated | V2Error]
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    file_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareRequest,
    idempotency_key: str | Unset = UNSET,
) -> ShareCreated:
    """Share a file

     Seed 001's share: a link for `email` with `permissions` (`view`: see and download; `edit`:
    also upload a new version, `POST /shares/{token}/upload`), an optional
    `expires_at` (future) and `password_protected`. The answer holds the link (`url`, shown
    only here) and, when password protected, a generated `password` shown this once: pass it on
    separately, it is never sent with the link. The recipient gets the link through the sender
    of one-time codes (`CHARTER_OTP_SENDER`: logged in development, POSTed to the signed
    webhook bridge in production). The link's origin is `CHARTER_PUBLIC_URL`; in production
    without it sharing answers 503 (never a link built from the request's `Host`). A directory
    cannot be shared (400). `email` follows the one email rule of every surface (the users'
    rule, schema `Email`): an address such as `a b@example.com`, `a@`, `<script>@x.example` or
    one with a line break is 400 `INVALID_REQUEST` naming `body.email`, and nothing is stored
    or sent. Announces `file.shared`. Needs `files:share`.

    Args:
        file_id (str):
        idempotency_key (str | Unset):
        body (ShareRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ShareCreated
    """

    kwargs = _get_kwargs(
        file_id=file_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
