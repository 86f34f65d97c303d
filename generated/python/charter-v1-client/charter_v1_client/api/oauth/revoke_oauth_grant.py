from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    client_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/oauth/grants/{client_id}".format(
            client_id=quote(str(client_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | V1Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | V1Error]:
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
) -> Response[Any | V1Error]:
    """Revoke an application's access

     Withdraws the calling user's consent to the client: its refresh tokens and access tokens for this
    user stop working at once, and the next authorization asks again. Announced as
    `oauth.grant.revoked`; 404 when the user never authorized the client. Needs the user's own
    credential (a session token or a personal key) with `grants:write`, which every role holds; other
    credentials get 403.

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | V1Error]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> None:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return None


def sync(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> None:
    """Revoke an application's access

     Withdraws the calling user's consent to the client: its refresh tokens and access tokens for this
    user stop working at once, and the next authorization asks again. Announced as
    `oauth.grant.revoked`; 404 when the user never authorized the client. Needs the user's own
    credential (a session token or a personal key) with `grants:write`, which every role holds; other
    credentials get 403.

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        None
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | V1Error]:
    """Revoke an application's access

     Withdraws the calling user's consent to the client: its refresh tokens and access tokens for this
    user stop working at once, and the next authorization asks again. Announced as
    `oauth.grant.revoked`; 404 when the user never authorized the client. Needs the user's own
    credential (a session token or a personal key) with `grants:write`, which every role holds; other
    credentials get 403.

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | V1Error]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    client_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> None:
    """Revoke an application's access

     Withdraws the calling user's consent to the client: its refresh tokens and access tokens for this
    user stop working at once, and the next authorization asks again. Announced as
    `oauth.grant.revoked`; 404 when the user never authorized the client. Needs the user's own
    credential (a session token or a personal key) with `grants:write`, which every role holds; other
    credentials get 403.

    Args:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        None
    """

    kwargs = _get_kwargs(
        client_id=client_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
