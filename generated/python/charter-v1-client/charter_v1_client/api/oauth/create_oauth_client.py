from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.o_auth_client_create import OAuthClientCreate
from ...models.o_auth_client_secret_envelope import OAuthClientSecretEnvelope
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: OAuthClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/clients",
    }

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
    *,
    client: AuthenticatedClient | Client,
    body: OAuthClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[OAuthClientSecretEnvelope | V1Error]:
    """Register an OAuth client

     Seed 004's application registration: returns `client_id`, `client_secret` (confidential
    clients; shown only in this response, stored as a keyed hash) and `redirect_uri` beside the
    whole client. `redirect_uris` are matched exactly at `/oauth/authorize`; seed 004's single
    `redirect_uri` is accepted too. `grant_types` (default `authorization_code` and
    `refresh_token`, or `client_credentials` for a confidential client without redirect URIs) and
    `scopes` bound what the client may ask for; a client cannot be allowed a scope its creator
    lacks (403). A public client has no secret and must use PKCE (S256). Announced as
    `oauth.client.created`.

    Args:
        idempotency_key (str | Unset):
        body (OAuthClientCreate):  Example: {'grant_types': ['authorization_code',
            'refresh_token'], 'name': 'Reporting dashboard', 'redirect_uris':
            ['https://app.example.com/callback'], 'scopes': ['openid', 'users:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthClientSecretEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
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
    *,
    client: AuthenticatedClient | Client,
    body: OAuthClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> OAuthClientSecretEnvelope:
    """Register an OAuth client

     Seed 004's application registration: returns `client_id`, `client_secret` (confidential
    clients; shown only in this response, stored as a keyed hash) and `redirect_uri` beside the
    whole client. `redirect_uris` are matched exactly at `/oauth/authorize`; seed 004's single
    `redirect_uri` is accepted too. `grant_types` (default `authorization_code` and
    `refresh_token`, or `client_credentials` for a confidential client without redirect URIs) and
    `scopes` bound what the client may ask for; a client cannot be allowed a scope its creator
    lacks (403). A public client has no secret and must use PKCE (S256). Announced as
    `oauth.client.created`.

    Args:
        idempotency_key (str | Unset):
        body (OAuthClientCreate):  Example: {'grant_types': ['authorization_code',
            'refresh_token'], 'name': 'Reporting dashboard', 'redirect_uris':
            ['https://app.example.com/callback'], 'scopes': ['openid', 'users:read']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthClientSecretEnvelope
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
    body: OAuthClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[OAuthClientSecretEnvelope | V1Error]:
    """Register an OAuth client

     Seed 004's application registration: returns `client_id`, `client_secret` (confidential
    clients; shown only in this response, stored as a keyed hash) and `redirect_uri` beside the
    whole client. `redirect_uris` are matched exactly at `/oauth/authorize`; seed 004's single
    `redirect_uri` is accepted too. `grant_types` (default `authorization_code` and
    `refresh_token`, or `client_credentials` for a confidential client without redirect URIs) and
    `scopes` bound what the client may ask for; a client cannot be allowed a scope its creator
    lacks (403). A public client has no secret and must use PKCE (S256). Announced as
    `oauth.client.created`.

    Args:
        idempotency_key (str | Unset):
        body (OAuthClientCreate):  Example: {'grant_types': ['authorization_code',
            'refresh_token'], 'name': 'Reporting dashboard', 'redirect_uris':
            ['https://app.example.com/callback'], 'scopes': ['openid', 'users:read']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OAuthClientSecretEnvelope | V1Error]
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
    body: OAuthClientCreate,
    idempotency_key: str | Unset = UNSET,
) -> OAuthClientSecretEnvelope:
    """Register an OAuth client

     Seed 004's application registration: returns `client_id`, `client_secret` (confidential
    clients; shown only in this response, stored as a keyed hash) and `redirect_uri` beside the
    whole client. `redirect_uris` are matched exactly at `/oauth/authorize`; seed 004's single
    `redirect_uri` is accepted too. `grant_types` (default `authorization_code` and
    `refresh_token`, or `client_credentials` for a confidential client without redirect URIs) and
    `scopes` bound what the client may ask for; a client cannot be allowed a scope its creator
    lacks (403). A public client has no secret and must use PKCE (S256). Announced as
    `oauth.client.created`.

    Args:
        idempotency_key (str | Unset):
        body (OAuthClientCreate):  Example: {'grant_types': ['authorization_code',
            'refresh_token'], 'name': 'Reporting dashboard', 'redirect_uris':
            ['https://app.example.com/callback'], 'scopes': ['openid', 'users:read']}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OAuthClientSecretEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
