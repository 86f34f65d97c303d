from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.organization_envelope import OrganizationEnvelope
from ...models.organization_patch import OrganizationPatch
from ...models.v1_error import V1Error
from typing import cast



def _get_kwargs(
    organization_id: str,
    *,
    body: OrganizationPatch,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/organizations/{organization_id}".format(organization_id=quote(str(organization_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrganizationEnvelope | V1Error:
    if response.status_code == 200:
        response_200 = OrganizationEnvelope.from_dict(response.json())



        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())



        return response_4xx

    response_default = V1Error.from_dict(response.json())



    return response_default



def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OrganizationEnvelope | V1Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,

) -> Response[OrganizationEnvelope | V1Error]:
    """ Update an organization

     Changes only the fields sent. Changing `plan` needs a superuser.

    Args:
        organization_id (str):
        body (OrganizationPatch):  Example: {'name': 'Acme Corporation'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganizationEnvelope | V1Error]
     """


    kwargs = _get_kwargs(
        organization_id=organization_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,

) -> OrganizationEnvelope | V1Error | None:
    """ Update an organization

     Changes only the fields sent. Changing `plan` needs a superuser.

    Args:
        organization_id (str):
        body (OrganizationPatch):  Example: {'name': 'Acme Corporation'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganizationEnvelope | V1Error
     """


    return sync_detailed(
        organization_id=organization_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,

) -> Response[OrganizationEnvelope | V1Error]:
    """ Update an organization

     Changes only the fields sent. Changing `plan` needs a superuser.

    Args:
        organization_id (str):
        body (OrganizationPatch):  Example: {'name': 'Acme Corporation'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganizationEnvelope | V1Error]
     """


    kwargs = _get_kwargs(
        organization_id=organization_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,

) -> OrganizationEnvelope | V1Error | None:
    """ Update an organization

     Changes only the fields sent. Changing `plan` needs a superuser.

    Args:
        organization_id (str):
        body (OrganizationPatch):  Example: {'name': 'Acme Corporation'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganizationEnvelope | V1Error
     """


    return (await asyncio_detailed(
        organization_id=organization_id,
client=client,
body=body,

    )).parsed
