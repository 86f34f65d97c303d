from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_users_order import ListUsersOrder
from ...models.list_users_sort import ListUsersSort
from ...models.role import Role
from ...models.user_page import UserPage
from ...models.user_status import UserStatus
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT,
    order: ListUsersOrder | Unset = ListUsersOrder.DESC,
    email: str | Unset = UNSET,
    username: str | Unset = UNSET,
    role: Role | Unset = UNSET,
    status: UserStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params["email"] = email

    params["username"] = username

    json_role: str | Unset = UNSET
    if not isinstance(role, Unset):
        json_role = role.value

    params["role"] = json_role

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/users",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserPage | V1Error:
    if response.status_code == 200:
        response_200 = UserPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[UserPage | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT,
    order: ListUsersOrder | Unset = ListUsersOrder.DESC,
    email: str | Unset = UNSET,
    username: str | Unset = UNSET,
    role: Role | Unset = UNSET,
    status: UserStatus | Unset = UNSET,
) -> Response[UserPage | V1Error]:
    """List users

     Users of the caller's organization (sandbox users for `sk_test_` keys), newest first.
    Filters combine with AND; `email` matches exactly (case-insensitive).

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT.
        order (ListUsersOrder | Unset):  Default: ListUsersOrder.DESC.
        email (str | Unset):
        username (str | Unset):
        role (Role | Unset): `admin` has every scope; `editor` reads and writes data, files and
            users:read; `user` reads. Every role may revoke its own OAuth grants (`grants:write`).
             Example: editor.
        status (UserStatus | Unset):  Example: active.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        email=email,
        username=username,
        role=role,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(UserPage, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT,
    order: ListUsersOrder | Unset = ListUsersOrder.DESC,
    email: str | Unset = UNSET,
    username: str | Unset = UNSET,
    role: Role | Unset = UNSET,
    status: UserStatus | Unset = UNSET,
) -> UserPage:
    """List users

     Users of the caller's organization (sandbox users for `sk_test_` keys), newest first.
    Filters combine with AND; `email` matches exactly (case-insensitive).

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT.
        order (ListUsersOrder | Unset):  Default: ListUsersOrder.DESC.
        email (str | Unset):
        username (str | Unset):
        role (Role | Unset): `admin` has every scope; `editor` reads and writes data, files and
            users:read; `user` reads. Every role may revoke its own OAuth grants (`grants:write`).
             Example: editor.
        status (UserStatus | Unset):  Example: active.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        email=email,
        username=username,
        role=role,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT,
    order: ListUsersOrder | Unset = ListUsersOrder.DESC,
    email: str | Unset = UNSET,
    username: str | Unset = UNSET,
    role: Role | Unset = UNSET,
    status: UserStatus | Unset = UNSET,
) -> Response[UserPage | V1Error]:
    """List users

     Users of the caller's organization (sandbox users for `sk_test_` keys), newest first.
    Filters combine with AND; `email` matches exactly (case-insensitive).

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT.
        order (ListUsersOrder | Unset):  Default: ListUsersOrder.DESC.
        email (str | Unset):
        username (str | Unset):
        role (Role | Unset): `admin` has every scope; `editor` reads and writes data, files and
            users:read; `user` reads. Every role may revoke its own OAuth grants (`grants:write`).
             Example: editor.
        status (UserStatus | Unset):  Example: active.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        email=email,
        username=username,
        role=role,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListUsersSort | Unset = ListUsersSort.CREATED_AT,
    order: ListUsersOrder | Unset = ListUsersOrder.DESC,
    email: str | Unset = UNSET,
    username: str | Unset = UNSET,
    role: Role | Unset = UNSET,
    status: UserStatus | Unset = UNSET,
) -> UserPage:
    """List users

     Users of the caller's organization (sandbox users for `sk_test_` keys), newest first.
    Filters combine with AND; `email` matches exactly (case-insensitive).

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListUsersSort | Unset):  Default: ListUsersSort.CREATED_AT.
        order (ListUsersOrder | Unset):  Default: ListUsersOrder.DESC.
        email (str | Unset):
        username (str | Unset):
        role (Role | Unset): `admin` has every scope; `editor` reads and writes data, files and
            users:read; `user` reads. Every role may revoke its own OAuth grants (`grants:write`).
             Example: editor.
        status (UserStatus | Unset):  Example: active.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        email=email,
        username=username,
        role=role,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
