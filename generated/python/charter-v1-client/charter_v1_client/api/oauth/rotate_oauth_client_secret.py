from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_client_secret_envelope import OAuthClientSecretEnvelope
from ...models.o_auth_client_secret_rotate import OAuthClientSecretRotate
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    client_id: str,
    *,
    body: OAuthClientSecretRotate | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/clients/{client_id}/secret".format(
            client_id=quote(str(client_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OAuthClientSecretEnvelope | V1Error:
    if response.status_code == 201:
        response_201 = OAuthClientSecretEnvelope.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OAuthClientSecretEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OAuthClientSecretRotate | Unset = UNSET,
) -> Response[OAuthClientSecretEnvelope | V1Error]:
    """Rotate a client secret

     Issues a new `client_secret` (shown only here). The old secret keeps working for `overlap_seconds`
    (0 ends it at once; at most 7 days).

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.
        body (OAuthClientSecretRotate | Unset):  Example: {'overlap_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthClientSecretEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OAuthClientSecretEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(OAuthClientSecretEnvelope, _parse_response(client=client, response=response))


def sync(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OAuthClientSecretRotate | Unset = UNSET,
) -> OAuthClientSecretEnvelope:
    """Rotate a client secret

     Issues a new `client_secret` (shown only here). The old secret keeps working for `overlap_seconds`
    (0 ends it at once; at most 7 days).

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.
        body (OAuthClientSecretRotate | Unset):  Example: {'overlap_seconds': 3600}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthClientSecretEnvelope
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OAuthClientSecretRotate | Unset = UNSET,
) -> Response[OAuthClientSecretEnvelope | V1Error]:
    """Rotate a client secret

     Issues a new `client_secret` (shown only here). The old secret keeps working for `overlap_seconds`
    (0 ends it at once; at most 7 days).

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.
        body (OAuthClientSecretRotate | Unset):  Example: {'overlap_seconds': 3600}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthClientSecretEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OAuthClientSecretRotate | Unset = UNSET,
) -> OAuthClientSecretEnvelope:
    """Rotate a client secret

     Issues a new `client_secret` (shown only here). The old secret keeps working for `overlap_seconds`
    (0 ends it at once; at most 7 days).

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.
        body (OAuthClientSecretRotate | Unset):  Example: {'overlap_seconds': 3600}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthClientSecretEnvelope
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
