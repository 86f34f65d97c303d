from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.user_envelope import UserEnvelope
from ...models.user_patch import UserPatch
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    user_id: str,
    *,
    body: UserPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/users/{user_id}".format(
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserEnvelope | V1Error:
    if response.status_code == 200:
        response_200 = UserEnvelope.from_dict(response.json())

        return response_200

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
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UserPatch,
) -> Response[UserEnvelope | V1Error]:
    """Update a user

     Changes the fields sent. A new password ends the user's sessions. Changing or deleting an
    admin needs an admin, and a platform superuser needs a superuser (403 `PERMISSION_DENIED`).

    Args:
        user_id (str):
        body (UserPatch):  Example: {'status': 'disabled'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
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
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UserPatch,
) -> UserEnvelope:
    """Update a user

     Changes the fields sent. A new password ends the user's sessions. Changing or deleting an
    admin needs an admin, and a platform superuser needs a superuser (403 `PERMISSION_DENIED`).

    Args:
        user_id (str):
        body (UserPatch):  Example: {'status': 'disabled'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserEnvelope
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UserPatch,
) -> Response[UserEnvelope | V1Error]:
    """Update a user

     Changes the fields sent. A new password ends the user's sessions. Changing or deleting an
    admin needs an admin, and a platform superuser needs a superuser (403 `PERMISSION_DENIED`).

    Args:
        user_id (str):
        body (UserPatch):  Example: {'status': 'disabled'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserEnvelope | V1Error]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UserPatch,
) -> UserEnvelope:
    """Update a user

     Changes the fields sent. A new password ends the user's sessions. Changing or deleting an
    admin needs an admin, and a platform superuser needs a superuser (403 `PERMISSION_DENIED`).

    Args:
        user_id (str):
        body (UserPatch):  Example: {'status': 'disabled'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserEnvelope
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
