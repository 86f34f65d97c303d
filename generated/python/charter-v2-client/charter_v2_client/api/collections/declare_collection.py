from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection import Collection
from ...models.collection_declaration import CollectionDeclaration
from ...models.v2_error import V2Error
from ...types import Response


def _get_kwargs(
    name: str,
    *,
    body: CollectionDeclaration,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/collections/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Collection | V2Error:
    if response.status_code == 200:
        response_200 = Collection.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Collection.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Collection | V2Error]:
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
    body: CollectionDeclaration,
) -> Response[Collection | V2Error]:
    """Declare a collection's schema and indexes

     Replaces the collection's declaration (a new `version`), creating the collection if need
    be (201). `schema`: a JSON Schema (Draft 2020-12, at most 32 KiB, `$ref`s into itself
    only: a remote reference is refused, never fetched) that the `data` of every record written
    from now on must satisfy (400 naming the failing path, e.g. `body.data.price`); records
    already stored are not re-checked. `null` or absent: no schema. `indexes`: up to 8 data
    fields, named as filters name them (`price`, `dimensions.width`): each gets a real
    expression index serving the equality, `in` and range filters on it (a field the schema
    types as number or string gets that index; an untyped field both). Boolean, null, array
    and object fields are not indexed (400). Indexes are built before the answer, without
    blocking writes on PostgreSQL; a field no declaration names any more loses its index. Also
    declares types to filters: a filter comparing a declared field with a value of another
    type answers 400. Announces `collection.declared`. Needs `write:data`.

    Args:
        name (str):
        body (CollectionDeclaration):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Collection | V2Error]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Collection:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(Collection, _parse_response(client=client, response=response))


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionDeclaration,
) -> Collection:
    """Declare a collection's schema and indexes

     Replaces the collection's declaration (a new `version`), creating the collection if need
    be (201). `schema`: a JSON Schema (Draft 2020-12, at most 32 KiB, `$ref`s into itself
    only: a remote reference is refused, never fetched) that the `data` of every record written
    from now on must satisfy (400 naming the failing path, e.g. `body.data.price`); records
    already stored are not re-checked. `null` or absent: no schema. `indexes`: up to 8 data
    fields, named as filters name them (`price`, `dimensions.width`): each gets a real
    expression index serving the equality, `in` and range filters on it (a field the schema
    types as number or string gets that index; an untyped field both). Boolean, null, array
    and object fields are not indexed (400). Indexes are built before the answer, without
    blocking writes on PostgreSQL; a field no declaration names any more loses its index. Also
    declares types to filters: a filter comparing a declared field with a value of another
    type answers 400. Announces `collection.declared`. Needs `write:data`.

    Args:
        name (str):
        body (CollectionDeclaration):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Collection
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionDeclaration,
) -> Response[Collection | V2Error]:
    """Declare a collection's schema and indexes

     Replaces the collection's declaration (a new `version`), creating the collection if need
    be (201). `schema`: a JSON Schema (Draft 2020-12, at most 32 KiB, `$ref`s into itself
    only: a remote reference is refused, never fetched) that the `data` of every record written
    from now on must satisfy (400 naming the failing path, e.g. `body.data.price`); records
    already stored are not re-checked. `null` or absent: no schema. `indexes`: up to 8 data
    fields, named as filters name them (`price`, `dimensions.width`): each gets a real
    expression index serving the equality, `in` and range filters on it (a field the schema
    types as number or string gets that index; an untyped field both). Boolean, null, array
    and object fields are not indexed (400). Indexes are built before the answer, without
    blocking writes on PostgreSQL; a field no declaration names any more loses its index. Also
    declares types to filters: a filter comparing a declared field with a value of another
    type answers 400. Announces `collection.declared`. Needs `write:data`.

    Args:
        name (str):
        body (CollectionDeclaration):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Collection | V2Error]
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    body: CollectionDeclaration,
) -> Collection:
    """Declare a collection's schema and indexes

     Replaces the collection's declaration (a new `version`), creating the collection if need
    be (201). `schema`: a JSON Schema (Draft 2020-12, at most 32 KiB, `$ref`s into itself
    only: a remote reference is refused, never fetched) that the `data` of every record written
    from now on must satisfy (400 naming the failing path, e.g. `body.data.price`); records
    already stored are not re-checked. `null` or absent: no schema. `indexes`: up to 8 data
    fields, named as filters name them (`price`, `dimensions.width`): each gets a real
    expression index serving the equality, `in` and range filters on it (a field the schema
    types as number or string gets that index; an untyped field both). Boolean, null, array
    and object fields are not indexed (400). Indexes are built before the answer, without
    blocking writes on PostgreSQL; a field no declaration names any more loses its index. Also
    declares types to filters: a filter comparing a declared field with a value of another
    type answers 400. Announces `collection.declared`. Needs `write:data`.

    Args:
        name (str):
        body (CollectionDeclaration):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Collection
    """

    kwargs = _get_kwargs(
        name=name,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
