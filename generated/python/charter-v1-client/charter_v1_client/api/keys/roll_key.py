from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_roll import ApiKeyRoll
from ...models.api_key_secret_envelope import ApiKeySecretEnvelope
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    key_id: str,
    *,
    body: ApiKeyRoll | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/keys/{key_id}/roll".format(
            key_id=quote(str(key_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyRoll | Unset = UNSET,
) -> Response[ApiKeySecretEnvelope | V1Error]:
    """Roll an API key

     Issues a new secret with the same settings. The old secret keeps working for
    `grace_seconds` (0 revokes it at once; at most 7 days).

    Args:
        key_id (str):
        body (ApiKeyRoll | Unset):  Example: {'grace_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeySecretEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
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
    key_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ApiKeyRoll | Unset = UNSET,
) -> ApiKeySecretEnvelope:
    """Roll an API key

     Issues a new secret with the same settings. The old secret keeps working for
    `grace_seconds` (0 revokes it at once; at most 7 days).

    Args:
        key_id (str):
        body (ApiKeyRoll | Unset):  Example: {'grace_seconds': 3600}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeySecretEnvelope
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
    body: ApiKeyRoll | Unset = UNSET,
) -> Response[ApiKeySecretEnvelope | V1Error]:
    """Roll an API key

     Issues a new secret with the same settings. The old secret keeps working for
    `grace_seconds` (0 revokes it at once; at most 7 days).

    Args:
        key_id (str):
        body (ApiKeyRoll | Unset):  Example: {'grace_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeySecretEnvelope | V1Error]
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
    body: ApiKeyRoll | Unset = UNSET,
) -> ApiKeySecretEnvelope:
    """Roll an API key

     Issues a new secret with the same settings. The old secret keeps working for
    `grace_seconds` (0 revokes it at once; at most 7 days).

    Args:
        key_id (str):
        body (ApiKeyRoll | Unset):  Example: {'grace_seconds': 3600}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeySecretEnvelope
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
