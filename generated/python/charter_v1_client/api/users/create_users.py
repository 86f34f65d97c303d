from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.user_batch import UserBatch
from ...models.user_batch_result import UserBatchResult
from ...models.v1_error import V1Error
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: UserBatch,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/users/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserBatchResult | V1Error:
    if response.status_code == 200:
        response_200 = UserBatchResult.from_dict(response.json())



        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())



        return response_4xx

    response_default = V1Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[UserBatchResult | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserBatch,
    idempotency_key: str | Unset = UNSET,

) -> Response[UserBatchResult | V1Error]:
    """ Create up to 100 users

     Creates each user on its own: the answer lists, per item and in order, its status and the
    user or the error. One failure does not undo the others.

    Args:
        idempotency_key (str | Unset):
        body (UserBatch):  Example: {'users': [{'email': 'ann@example.com', 'password':
            'AnotherPassword123!', 'username': 'ann.lee'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserBatchResult | V1Error]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: UserBatch,
    idempotency_key: str | Unset = UNSET,

) -> UserBatchResult | V1Error | None:
    """ Create up to 100 users

     Creates each user on its own: the answer lists, per item and in order, its status and the
    user or the error. One failure does not undo the others.

    Args:
        idempotency_key (str | Unset):
        body (UserBatch):  Example: {'users': [{'email': 'ann@example.com', 'password':
            'AnotherPassword123!', 'username': 'ann.lee'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserBatchResult | V1Error
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserBatch,
    idempotency_key: str | Unset = UNSET,

) -> Response[UserBatchResult | V1Error]:
    """ Create up to 100 users

     Creates each user on its own: the answer lists, per item and in order, its status and the
    user or the error. One failure does not undo the others.

    Args:
        idempotency_key (str | Unset):
        body (UserBatch):  Example: {'users': [{'email': 'ann@example.com', 'password':
            'AnotherPassword123!', 'username': 'ann.lee'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserBatchResult | V1Error]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UserBatch,
    idempotency_key: str | Unset = UNSET,

) -> UserBatchResult | V1Error | None:
    """ Create up to 100 users

     Creates each user on its own: the answer lists, per item and in order, its status and the
    user or the error. One failure does not undo the others.

    Args:
        idempotency_key (str | Unset):
        body (UserBatch):  Example: {'users': [{'email': 'ann@example.com', 'password':
            'AnotherPassword123!', 'username': 'ann.lee'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserBatchResult | V1Error
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
