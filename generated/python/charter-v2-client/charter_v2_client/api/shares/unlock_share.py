from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.share_unlock import ShareUnlock
from ...models.signed_url import SignedUrl
from ...models.v2_error import V2Error
from ...types import Response


def _get_kwargs(
    token: str,
    *,
    body: ShareUnlock,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/shares/{token}/unlock".format(
            token=quote(str(token), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> SignedUrl | V2Error:
    if response.status_code == 200:
        response_200 = SignedUrl.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[SignedUrl | V2Error]:
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
    body: ShareUnlock,
) -> Response[SignedUrl | V2Error]:
    """Unlock a password-protected share

     The password in the body (never in a URL) answers a signed download URL valid for 5
    minutes; for an `edit` share, the URL's token (its last segment) also opens
    `POST /shares/{token}/upload` for those 5 minutes, sent in `X-Share-Unlock`. A wrong
    password is 401 `INVALID_CREDENTIALS`; the fifth locks the share (423 `LOCKED`).

    Args:
        token (str):
        body (ShareUnlock):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SignedUrl | V2Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> SignedUrl:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(SignedUrl, _parse_response(client=client, response=response))


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUnlock,
) -> SignedUrl:
    """Unlock a password-protected share

     The password in the body (never in a URL) answers a signed download URL valid for 5
    minutes; for an `edit` share, the URL's token (its last segment) also opens
    `POST /shares/{token}/upload` for those 5 minutes, sent in `X-Share-Unlock`. A wrong
    password is 401 `INVALID_CREDENTIALS`; the fifth locks the share (423 `LOCKED`).

    Args:
        token (str):
        body (ShareUnlock):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SignedUrl
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUnlock,
) -> Response[SignedUrl | V2Error]:
    """Unlock a password-protected share

     The password in the body (never in a URL) answers a signed download URL valid for 5
    minutes; for an `edit` share, the URL's token (its last segment) also opens
    `POST /shares/{token}/upload` for those 5 minutes, sent in `X-Share-Unlock`. A wrong
    password is 401 `INVALID_CREDENTIALS`; the fifth locks the share (423 `LOCKED`).

    Args:
        token (str):
        body (ShareUnlock):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SignedUrl | V2Error]
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    body: ShareUnlock,
) -> SignedUrl:
    """Unlock a password-protected share

     The password in the body (never in a URL) answers a signed download URL valid for 5
    minutes; for an `edit` share, the URL's token (its last segment) also opens
    `POST /shares/{token}/upload` for those 5 minutes, sent in `X-Share-Unlock`. A wrong
    password is 401 `INVALID_CREDENTIALS`; the fifth locks the share (423 `LOCKED`).

    Args:
        token (str):
        body (ShareUnlock):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SignedUrl
    """

    kwargs = _get_kwargs(
        token=token,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
