import datetime
from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_event_page import AuditEventPage
from ...models.list_audit_events_order import ListAuditEventsOrder
from ...models.list_audit_events_sort import ListAuditEventsSort
from ...models.v1_error import V1Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListAuditEventsSort | Unset = ListAuditEventsSort.CREATED_AT,
    order: ListAuditEventsOrder | Unset = ListAuditEventsOrder.DESC,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
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

    params["actor_id"] = actor_id

    params["action"] = action

    params["resource_type"] = resource_type

    params["resource_id"] = resource_id

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditEventPage | V1Error:
    if response.status_code == 200:
        response_200 = AuditEventPage.from_dict(response.json())

        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V1Error.from_dict(response.json())

        return response_4xx

    response_default = V1Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditEventPage | V1Error]:
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
    sort: ListAuditEventsSort | Unset = ListAuditEventsSort.CREATED_AT,
    order: ListAuditEventsOrder | Unset = ListAuditEventsOrder.DESC,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[AuditEventPage | V1Error]:
    """List audit events

     The organization's audit trail, newest first: logins and their failures, lockouts, MFA
    events, key creation, revocation and use from a new IP, and every change to a resource.
    Live credentials see live and sandbox events; sandbox credentials only sandbox events.
    Read only; kept 90 days.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListAuditEventsSort | Unset):  Default: ListAuditEventsSort.CREATED_AT.
        order (ListAuditEventsOrder | Unset):  Default: ListAuditEventsOrder.DESC.
        actor_id (str | Unset):
        action (str | Unset):
        resource_type (str | Unset):
        resource_id (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEventPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=since,
        until=until,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditEventPage:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(AuditEventPage, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListAuditEventsSort | Unset = ListAuditEventsSort.CREATED_AT,
    order: ListAuditEventsOrder | Unset = ListAuditEventsOrder.DESC,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> AuditEventPage:
    """List audit events

     The organization's audit trail, newest first: logins and their failures, lockouts, MFA
    events, key creation, revocation and use from a new IP, and every change to a resource.
    Live credentials see live and sandbox events; sandbox credentials only sandbox events.
    Read only; kept 90 days.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListAuditEventsSort | Unset):  Default: ListAuditEventsSort.CREATED_AT.
        order (ListAuditEventsOrder | Unset):  Default: ListAuditEventsOrder.DESC.
        actor_id (str | Unset):
        action (str | Unset):
        resource_type (str | Unset):
        resource_id (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEventPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=since,
        until=until,
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
    sort: ListAuditEventsSort | Unset = ListAuditEventsSort.CREATED_AT,
    order: ListAuditEventsOrder | Unset = ListAuditEventsOrder.DESC,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[AuditEventPage | V1Error]:
    """List audit events

     The organization's audit trail, newest first: logins and their failures, lockouts, MFA
    events, key creation, revocation and use from a new IP, and every change to a resource.
    Live credentials see live and sandbox events; sandbox credentials only sandbox events.
    Read only; kept 90 days.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListAuditEventsSort | Unset):  Default: ListAuditEventsSort.CREATED_AT.
        order (ListAuditEventsOrder | Unset):  Default: ListAuditEventsOrder.DESC.
        actor_id (str | Unset):
        action (str | Unset):
        resource_type (str | Unset):
        resource_id (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEventPage | V1Error]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=since,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
    sort: ListAuditEventsSort | Unset = ListAuditEventsSort.CREATED_AT,
    order: ListAuditEventsOrder | Unset = ListAuditEventsOrder.DESC,
    actor_id: str | Unset = UNSET,
    action: str | Unset = UNSET,
    resource_type: str | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> AuditEventPage:
    """List audit events

     The organization's audit trail, newest first: logins and their failures, lockouts, MFA
    events, key creation, revocation and use from a new IP, and every change to a resource.
    Live credentials see live and sandbox events; sandbox credentials only sandbox events.
    Read only; kept 90 days.

    Args:
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.
        sort (ListAuditEventsSort | Unset):  Default: ListAuditEventsSort.CREATED_AT.
        order (ListAuditEventsOrder | Unset):  Default: ListAuditEventsOrder.DESC.
        actor_id (str | Unset):
        action (str | Unset):
        resource_type (str | Unset):
        resource_id (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEventPage
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        sort=sort,
        order=order,
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=since,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
