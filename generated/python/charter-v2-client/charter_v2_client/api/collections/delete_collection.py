from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    force: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/collections/{name}".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | V2Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | V2Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | Unset = False,
) -> Response[Any | V2Error]:
    """Delete a collection

     Deletes the collection: its declaration, the indexes no other declaration uses, and its
    records. A collection that still has live records answers 409 `CONFLICT` unless
    `force=true`, so records are never lost by a mistaken call; expired records go with it
    either way. Announces one `collection.deleted` event with `records_deleted` (not one
    `record.deleted` per record). 404 afterwards. Needs `write:data`.

    Args:
        name (str):
        force (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | V2Error]
    """

    kwargs = _get_kwargs(
        name=name,
        force=force,
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
    name: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | Unset = False,
) -> None:
    """Delete a collection

     Deletes the collection: its declaration, the indexes no other declaration uses, and its
    records. A collection that still has live records answers 409 `CONFLICT` unless
    `force=true`, so records are never lost by a mistaken call; expired records go with it
    either way. Announces one `collection.deleted` event with `records_deleted` (not one
    `record.deleted` per record). 404 afterwards. Needs `write:data`.

    Args:
        name (str):
        force (bool | Unset):  Default: False.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        None
    """

    kwargs = _get_kwargs(
        name=name,
        force=force,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | Unset = False,
) -> Response[Any | V2Error]:
    """Delete a collection

     Deletes the collection: its declaration, the indexes no other declaration uses, and its
    records. A collection that still has live records answers 409 `CONFLICT` unless
    `force=true`, so records are never lost by a mistaken call; expired records go with it
    either way. Announces one `collection.deleted` event with `records_deleted` (not one
    `record.deleted` per record). 404 afterwards. Needs `write:data`.

    Args:
        name (str):
        force (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | V2Error]
    """

    kwargs = _get_kwargs(
        name=name,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | Unset = False,
) -> None:
    """Delete a collection

     Deletes the collection: its declaration, the indexes no other declaration uses, and its
    records. A collection that still has live records answers 409 `CONFLICT` unless
    `force=true`, so records are never lost by a mistaken call; expired records go with it
    either way. Announces one `collection.deleted` event with `records_deleted` (not one
    `record.deleted` per record). 404 afterwards. Needs `write:data`.

    Args:
        name (str):
        force (bool | Unset):  Default: False.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        None
    """

    kwargs = _get_kwargs(
        name=name,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
