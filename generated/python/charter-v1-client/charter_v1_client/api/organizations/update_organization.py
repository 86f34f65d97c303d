from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.organization_envelope import OrganizationEnvelope
from ...models.organization_patch import OrganizationPatch
from ...models.v1_error import V1Error
from ...types import Response


def _get_kwargs(
    organization_id: str,
    *,
    body: OrganizationPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/organizations/{organization_id}".format(
            organization_id=quote(str(organization_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrganizationEnvelope | V1Error:
    if response.status_code == 200:
        response_200 = OrganizationEnvelope.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OrganizationEnvelope | V1Error]:
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
    """Update an organization

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


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrganizationEnvelope:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(OrganizationEnvelope, _parse_response(client=client, response=response))


def sync(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,
) -> OrganizationEnvelope:
    """Update an organization

     Changes only the fields sent. Changing `plan` needs a superuser.

    Args:
        organization_id (str):
        body (OrganizationPatch):  Example: {'name': 'Acme Corporation'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganizationEnvelope
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,
) -> Response[OrganizationEnvelope | V1Error]:
    """Update an organization

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

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organization_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: OrganizationPatch,
) -> OrganizationEnvelope:
    """Update an organization

     Changes only the fields sent. Changing `plan` needs a superuser.

    Args:
        organization_id (str):
        body (OrganizationPatch):  Example: {'name': 'Acme Corporation'}.

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganizationEnvelope
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
