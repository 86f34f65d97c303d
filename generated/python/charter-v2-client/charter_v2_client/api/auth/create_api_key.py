from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_request import ApiKeyRequest
from ...models.created_api_key import CreatedApiKey
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ApiKeyRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/api-keys",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreatedApiKey | V2Error:
    if response.status_code == 201:
        response_201 = CreatedApiKey.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreatedApiKey | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CreatedApiKey | V2Error]:
    """Create an API key

     Creates a key for server-to-server calls. `api_key` is shown only once; only a hash is
    stored. A key cannot carry a permission its creator lacks (403 `FORBIDDEN`). The key's mode
    (`sk_live_` or `sk_test_`) follows the caller's.

    Any signed-in user (`Authorization: Bearer` from `/v2/auth/login`) may create a key for
    themselves, with permissions within their own: a **personal key**. It acts as that user and
    never holds more than the user's roles allow at the time of each call (a demoted user's key
    loses what they lost). It stops working while the user is disabled (and works again when
    they are re-enabled), and is revoked when the user is deleted or their password changes.
    A personal key cannot create keys (403). Called with an organization's key (one from
    `/v1/keys`), this creates another organization key and needs the `keys:write` permission.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyRequest):  Example: {'expires_in_days': 365, 'name': 'Production Server',
            'permissions': ['read:data', 'write:data']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedApiKey | V2Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreatedApiKey:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(CreatedApiKey, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyRequest,
    idempotency_key: str | Unset = UNSET,
) -> CreatedApiKey:
    """Create an API key

     Creates a key for server-to-server calls. `api_key` is shown only once; only a hash is
    stored. A key cannot carry a permission its creator lacks (403 `FORBIDDEN`). The key's mode
    (`sk_live_` or `sk_test_`) follows the caller's.

    Any signed-in user (`Authorization: Bearer` from `/v2/auth/login`) may create a key for
    themselves, with permissions within their own: a **personal key**. It acts as that user and
    never holds more than the user's roles allow at the time of each call (a demoted user's key
    loses what they lost). It stops working while the user is disabled (and works again when
    they are re-enabled), and is revoked when the user is deleted or their password changes.
    A personal key cannot create keys (403). Called with an organization's key (one from
    `/v1/keys`), this creates another organization key and needs the `keys:write` permission.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyRequest):  Example: {'expires_in_days': 365, 'name': 'Production Server',
            'permissions': ['read:data', 'write:data']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedApiKey
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
    body: ApiKeyRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[CreatedApiKey | V2Error]:
    """Create an API key

     Creates a key for server-to-server calls. `api_key` is shown only once; only a hash is
    stored. A key cannot carry a permission its creator lacks (403 `FORBIDDEN`). The key's mode
    (`sk_live_` or `sk_test_`) follows the caller's.

    Any signed-in user (`Authorization: Bearer` from `/v2/auth/login`) may create a key for
    themselves, with permissions within their own: a **personal key**. It acts as that user and
    never holds more than the user's roles allow at the time of each call (a demoted user's key
    loses what they lost). It stops working while the user is disabled (and works again when
    they are re-enabled), and is revoked when the user is deleted or their password changes.
    A personal key cannot create keys (403). Called with an organization's key (one from
    `/v1/keys`), this creates another organization key and needs the `keys:write` permission.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyRequest):  Example: {'expires_in_days': 365, 'name': 'Production Server',
            'permissions': ['read:data', 'write:data']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedApiKey | V2Error]
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
    body: ApiKeyRequest,
    idempotency_key: str | Unset = UNSET,
) -> CreatedApiKey:
    """Create an API key

     Creates a key for server-to-server calls. `api_key` is shown only once; only a hash is
    stored. A key cannot carry a permission its creator lacks (403 `FORBIDDEN`). The key's mode
    (`sk_live_` or `sk_test_`) follows the caller's.

    Any signed-in user (`Authorization: Bearer` from `/v2/auth/login`) may create a key for
    themselves, with permissions within their own: a **personal key**. It acts as that user and
    never holds more than the user's roles allow at the time of each call (a demoted user's key
    loses what they lost). It stops working while the user is disabled (and works again when
    they are re-enabled), and is revoked when the user is deleted or their password changes.
    A personal key cannot create keys (403). Called with an organization's key (one from
    `/v1/keys`), this creates another organization key and needs the `keys:write` permission.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyRequest):  Example: {'expires_in_days': 365, 'name': 'Production Server',
            'permissions': ['read:data', 'write:data']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedApiKey
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
