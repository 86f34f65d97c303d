from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_envelope import ApiKeyEnvelope
from ...models.api_key_patch import ApiKeyPatch
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    key_id: str,
    *,
    body: ApiKeyPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
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
    body: ApiKeyPatch,
) -> Response[ApiKeyEnvelope | V1Error]:
    """Change an API key

     Changes `name`, `scopes` or `ip_ranges`; effective on every server within a second. Keys
    of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyPatch):  Example: {'scopes': ['users:read']}.

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
    body: ApiKeyPatch,
) -> ApiKeyEnvelope:
    """Change an API key

     Changes `name`, `scopes` or `ip_ranges`; effective on every server within a second. Keys
    of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyPatch):  Example: {'scopes': ['users:read']}.

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
    body: ApiKeyPatch,
) -> Response[ApiKeyEnvelope | V1Error]:
    """Change an API key

     Changes `name`, `scopes` or `ip_ranges`; effective on every server within a second. Keys
    of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyPatch):  Example: {'scopes': ['users:read']}.

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
    body: ApiKeyPatch,
) -> ApiKeyEnvelope:
    """Change an API key

     Changes `name`, `scopes` or `ip_ranges`; effective on every server within a second. Keys
    of a platform superuser are managed only by a superuser (403).

    Args:
        key_id (str):
        body (ApiKeyPatch):  Example: {'scopes': ['users:read']}.

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
