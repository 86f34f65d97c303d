from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.introspection import Introspection
from ...models.introspection_request import IntrospectionRequest
from ...models.o_auth_error import OAuthError
from ...types import Response


def _get_kwargs(
    *,
    body: IntrospectionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/introspect",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Introspection | OAuthError:
    if response.status_code == 200:
        response_200 = Introspection.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = OAuthError.from_dict(response.json())

        return response_4xx

    response_default = OAuthError.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Introspection | OAuthError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IntrospectionRequest,
) -> Response[Introspection | OAuthError]:
    """Introspect a token (RFC 7662)

     Whether a token is active, with its scope, client, subject and expiry. The caller
    authenticates as a confidential client, as at the token endpoint (public clients are
    refused, `invalid_client`).

    Who sees what (RFC 7662 section 4 leaves it to the server; as in Keycloak, where any
    confidential client of a realm may, and Ory Hydra, whose introspection sees every token
    it issued): any confidential client of an organization introspects every
    access and refresh token of that organization and mode, whichever client it was issued
    to, so that a resource server registered as its own client can check the tokens
    applications present to it. Register a resource server in the organization whose tokens
    it checks, and keep introspecting clients' secrets as safe as the tokens they can see.
    A token of another organization, or of the other mode (a test-mode client and a live
    token), is `{"active": false}`, exactly as a revoked, expired, used (refresh) or unknown
    one: the answer never tells a foreign token from one that does not exist. Introspecting
    changes nothing.

    Args:
        body (IntrospectionRequest): Parameters this server does not know are ignored (RFC 6749
            3.2). Example: {'token':
            'eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYV8xIiwidHlwIjoiYXQrand0In0.e30.c2ln'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Introspection | OAuthError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Introspection:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(Introspection, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: IntrospectionRequest,
) -> Introspection:
    """Introspect a token (RFC 7662)

     Whether a token is active, with its scope, client, subject and expiry. The caller
    authenticates as a confidential client, as at the token endpoint (public clients are
    refused, `invalid_client`).

    Who sees what (RFC 7662 section 4 leaves it to the server; as in Keycloak, where any
    confidential client of a realm may, and Ory Hydra, whose introspection sees every token
    it issued): any confidential client of an organization introspects every
    access and refresh token of that organization and mode, whichever client it was issued
    to, so that a resource server registered as its own client can check the tokens
    applications present to it. Register a resource server in the organization whose tokens
    it checks, and keep introspecting clients' secrets as safe as the tokens they can see.
    A token of another organization, or of the other mode (a test-mode client and a live
    token), is `{"active": false}`, exactly as a revoked, expired, used (refresh) or unknown
    one: the answer never tells a foreign token from one that does not exist. Introspecting
    changes nothing.

    Args:
        body (IntrospectionRequest): Parameters this server does not know are ignored (RFC 6749
            3.2). Example: {'token':
            'eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYV8xIiwidHlwIjoiYXQrand0In0.e30.c2ln'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Introspection
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IntrospectionRequest,
) -> Response[Introspection | OAuthError]:
    """Introspect a token (RFC 7662)

     Whether a token is active, with its scope, client, subject and expiry. The caller
    authenticates as a confidential client, as at the token endpoint (public clients are
    refused, `invalid_client`).

    Who sees what (RFC 7662 section 4 leaves it to the server; as in Keycloak, where any
    confidential client of a realm may, and Ory Hydra, whose introspection sees every token
    it issued): any confidential client of an organization introspects every
    access and refresh token of that organization and mode, whichever client it was issued
    to, so that a resource server registered as its own client can check the tokens
    applications present to it. Register a resource server in the organization whose tokens
    it checks, and keep introspecting clients' secrets as safe as the tokens they can see.
    A token of another organization, or of the other mode (a test-mode client and a live
    token), is `{"active": false}`, exactly as a revoked, expired, used (refresh) or unknown
    one: the answer never tells a foreign token from one that does not exist. Introspecting
    changes nothing.

    Args:
        body (IntrospectionRequest): Parameters this server does not know are ignored (RFC 6749
            3.2). Example: {'token':
            'eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYV8xIiwidHlwIjoiYXQrand0In0.e30.c2ln'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Introspection | OAuthError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: IntrospectionRequest,
) -> Introspection:
    """Introspect a token (RFC 7662)

     Whether a token is active, with its scope, client, subject and expiry. The caller
    authenticates as a confidential client, as at the token endpoint (public clients are
    refused, `invalid_client`).

    Who sees what (RFC 7662 section 4 leaves it to the server; as in Keycloak, where any
    confidential client of a realm may, and Ory Hydra, whose introspection sees every token
    it issued): any confidential client of an organization introspects every
    access and refresh token of that organization and mode, whichever client it was issued
    to, so that a resource server registered as its own client can check the tokens
    applications present to it. Register a resource server in the organization whose tokens
    it checks, and keep introspecting clients' secrets as safe as the tokens they can see.
    A token of another organization, or of the other mode (a test-mode client and a live
    token), is `{"active": false}`, exactly as a revoked, expired, used (refresh) or unknown
    one: the answer never tells a foreign token from one that does not exist. Introspecting
    changes nothing.

    Args:
        body (IntrospectionRequest): Parameters this server does not know are ignored (RFC 6749
            3.2). Example: {'token':
            'eyJhbGciOiJSUzI1NiIsImtpZCI6InJzYV8xIiwidHlwIjoiYXQrand0In0.e30.c2ln'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Introspection
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
