from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_create import ApiKeyCreate
from ...models.api_key_secret_envelope import ApiKeySecretEnvelope
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/keys",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiKeySecretEnvelope | V1Error:
    if response.status_code == 201:
        response_201 = ApiKeySecretEnvelope.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeySecretEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiKeySecretEnvelope | V1Error]:
    """Create an API key

     `mode` `live` gives an `sk_live_` key, `test` an `sk_test_` key that sees sandbox data
    only. `ip_ranges` (CIDR) restricts where the key may be used from (403 elsewhere). The
    secret is in this response only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'ip_ranges': ['203.0.113.0/24'], 'mode': 'live', 'name':
            'Production Server', 'scopes': ['users:read', 'users:write']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeySecretEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeySecretEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(ApiKeySecretEnvelope, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> ApiKeySecretEnvelope:
    """Create an API key

     `mode` `live` gives an `sk_live_` key, `test` an `sk_test_` key that sees sandbox data
    only. `ip_ranges` (CIDR) restricts where the key may be used from (403 elsewhere). The
    secret is in this response only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'ip_ranges': ['203.0.113.0/24'], 'mode': 'live', 'name':
            'Production Server', 'scopes': ['users:read', 'users:write']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeySecretEnvelope
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
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiKeySecretEnvelope | V1Error]:
    """Create an API key

     `mode` `live` gives an `sk_live_` key, `test` an `sk_test_` key that sees sandbox data
    only. `ip_ranges` (CIDR) restricts where the key may be used from (403 elsewhere). The
    secret is in this response only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'ip_ranges': ['203.0.113.0/24'], 'mode': 'live', 'name':
            'Production Server', 'scopes': ['users:read', 'users:write']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeySecretEnvelope | V1Error]
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
    body: ApiKeyCreate,
    idempotency_key: str | Unset = UNSET,
) -> ApiKeySecretEnvelope:
    """Create an API key

     `mode` `live` gives an `sk_live_` key, `test` an `sk_test_` key that sees sandbox data
    only. `ip_ranges` (CIDR) restricts where the key may be used from (403 elsewhere). The
    secret is in this response only.

    Args:
        idempotency_key (str | Unset):
        body (ApiKeyCreate):  Example: {'ip_ranges': ['203.0.113.0/24'], 'mode': 'live', 'name':
            'Production Server', 'scopes': ['users:read', 'users:write']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeySecretEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
