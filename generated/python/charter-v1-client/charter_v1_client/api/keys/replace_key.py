from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_envelope import ApiKeyEnvelope
from ...models.api_key_replace import ApiKeyReplace
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    key_id: str,
    *,
    body: ApiKeyReplace,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/keys/{key_id}".format(
            key_id=quote(str(key_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeyEnvelope | V1Error:
    if response.status_code == 200:
        response_200 = ApiKeyEnvelope.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeyEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyReplace,
) -> Response[ApiKeyEnvelope | V1Error]:
    """Replace an API key's settings

     Replaces `name`, `scopes` and `ip_ranges` (an omitted `ip_ranges` becomes `[]`: any
    address). The secret, mode and expiry do not change; effective on every server within a
    second. Keys of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyReplace):  Example: {'ip_ranges': ['203.0.113.0/24'], 'name': 'Reporting',
            'scopes': ['users:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeyEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(ApiKeyEnvelope, _parse_response(client=client, response=response))


def sync(
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyReplace,
) -> ApiKeyEnvelope:
    """Replace an API key's settings

     Replaces `name`, `scopes` and `ip_ranges` (an omitted `ip_ranges` becomes `[]`: any
    address). The secret, mode and expiry do not change; effective on every server within a
    second. Keys of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyReplace):  Example: {'ip_ranges': ['203.0.113.0/24'], 'name': 'Reporting',
            'scopes': ['users:read']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyEnvelope
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyReplace,
) -> Response[ApiKeyEnvelope | V1Error]:
    """Replace an API key's settings

     Replaces `name`, `scopes` and `ip_ranges` (an omitted `ip_ranges` becomes `[]`: any
    address). The secret, mode and expiry do not change; effective on every server within a
    second. Keys of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyReplace):  Example: {'ip_ranges': ['203.0.113.0/24'], 'name': 'Reporting',
            'scopes': ['users:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyReplace,
) -> ApiKeyEnvelope:
    """Replace an API key's settings

     Replaces `name`, `scopes` and `ip_ranges` (an omitted `ip_ranges` becomes `[]`: any
    address). The secret, mode and expiry do not change; effective on every server within a
    second. Keys of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyReplace):  Example: {'ip_ranges': ['203.0.113.0/24'], 'name': 'Reporting',
            'scopes': ['users:read']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyEnvelope
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
