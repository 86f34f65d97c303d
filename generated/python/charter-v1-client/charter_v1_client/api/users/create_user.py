from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.user_create import UserCreate
from ...models.user_envelope import UserEnvelope
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/users",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserEnvelope | V1Error:
    if response.status_code == 201:
        response_201 = UserEnvelope.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UserEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[UserEnvelope | V1Error]:
    """Create a user

     Usernames are unique across the platform and emails within the organization (409
    `CONFLICT`). The caller must hold every scope of the roles it grants (403
    `PERMISSION_DENIED`): whoever sets a password can act as the user.

    Args:
        idempotency_key (str | Unset):
        body (UserCreate): A new user; `email` is unique within the organization and stored
            encrypted. Example: {'email': 'john@example.com', 'password': 'SecurePassword123!',
            'roles': ['user', 'editor'], 'username': 'john.doe'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(UserEnvelope, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> UserEnvelope:
    """Create a user

     Usernames are unique across the platform and emails within the organization (409
    `CONFLICT`). The caller must hold every scope of the roles it grants (403
    `PERMISSION_DENIED`): whoever sets a password can act as the user.

    Args:
        idempotency_key (str | Unset):
        body (UserCreate): A new user; `email` is unique within the organization and stored
            encrypted. Example: {'email': 'john@example.com', 'password': 'SecurePassword123!',
            'roles': ['user', 'editor'], 'username': 'john.doe'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserEnvelope
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
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> Response[UserEnvelope | V1Error]:
    """Create a user

     Usernames are unique across the platform and emails within the organization (409
    `CONFLICT`). The caller must hold every scope of the roles it grants (403
    `PERMISSION_DENIED`): whoever sets a password can act as the user.

    Args:
        idempotency_key (str | Unset):
        body (UserCreate): A new user; `email` is unique within the organization and stored
            encrypted. Example: {'email': 'john@example.com', 'password': 'SecurePassword123!',
            'roles': ['user', 'editor'], 'username': 'john.doe'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserEnvelope | V1Error]
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
    body: UserCreate,
    idempotency_key: str | Unset = UNSET,
) -> UserEnvelope:
    """Create a user

     Usernames are unique across the platform and emails within the organization (409
    `CONFLICT`). The caller must hold every scope of the roles it grants (403
    `PERMISSION_DENIED`): whoever sets a password can act as the user.

    Args:
        idempotency_key (str | Unset):
        body (UserCreate): A new user; `email` is unique within the organization and stored
            encrypted. Example: {'email': 'john@example.com', 'password': 'SecurePassword123!',
            'roles': ['user', 'editor'], 'username': 'john.doe'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserEnvelope
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
