from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.stream_events_events_item import StreamEventsEventsItem
from ...models.v2_error import V2Error
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    events: list[StreamEventsEventsItem] | Unset = UNSET,
    collections: list[str] | Unset = UNSET,
    max_wait: int | Unset = UNSET,
    last_event_id_query: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id_header, Unset):
        headers["Last-Event-ID"] = last_event_id_header

    params: dict[str, Any] = {}

    json_events: list[str] | Unset = UNSET
    if not isinstance(events, Unset):
        json_events = []
        for events_item_data in events:
            events_item = events_item_data.value
            json_events.append(events_item)

    params["events"] = json_events

    json_collections: list[str] | Unset = UNSET
    if not isinstance(collections, Unset):
        json_collections = collections

    params["collections"] = json_collections

    params["max_wait"] = max_wait

    params["last_event_id"] = last_event_id_query

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V2Error | str:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[V2Error | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    events: list[StreamEventsEventsItem] | Unset = UNSET,
    collections: list[str] | Unset = UNSET,
    max_wait: int | Unset = UNSET,
    last_event_id_query: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> Response[V2Error | str]:
    """Stream events (Server-Sent Events)

     The events webhooks deliver (the catalog of `POST /webhooks`), live, as Server-Sent Events,
    for clients that cannot receive webhooks: a browser, a mobile app, a script behind NAT.
    Authenticate as for any call (`X-API-Key` or `Authorization: Bearer`); a browser's built-in
    `EventSource` cannot send headers, so use an SSE client that can (such as
    `@microsoft/fetch-event-source`, or the `eventsource` package on Node).

    A stream carries the caller's organization and mode only (`sk_test_` keys see sandbox
    events), and only the events whose scope the caller holds: `read:data` for `record.*` and
    `collection.*`, `users:read` for `user.*`, `organizations:read` for `organization.*`,
    `keys:read` for `api_key.*`, `webhooks:read` for `webhook.*`, `files:read` for `file.*`,
    `analytics:read` for `report.*` and `ingestion:read` for `ingestion.*`. Without `events` it
    carries every event the caller can read. A stream needs no scope of its own, but
    credentials that read no event at all are refused (403), and so is naming an event the
    caller cannot read (403, naming it).

    **Format.** Each event is one message: `id:` the event id, `event:` its type, `data:` one
    line of JSON, the webhook payload of the event (the `WebhookDelivery.payload` schemas) without
    `signature` (the connection is the caller's own):

    ```
    id: evt_7Yx2KfLq9MzTb3Wc
    event: record.created
    data: {"id":"evt_7Yx2KfLq9MzTb3Wc","event":"record.created","timestamp":"2024-02-
    07T10:30:00Z","data":{"collection":"products","record_id":"rec_abc123","changes":{"name":"Widget"}}}
    ```

    The response opens with `retry: 3000` (reconnect after 3 s). Once the events to catch up on
    are sent, a message with only `id: cur_...` marks the position reached, so a client that got
    no event still holds an id to resume from (SSE clients keep it without firing an event).
    When nothing else was sent for 15 s (CHARTER_EVENTS_HEARTBEAT_SECONDS) a `: ping` comment
    keeps proxies from closing the connection. Treat ids as opaque.

    **Order and resume.** Events come in commit order. Send the last id received in
    `Last-Event-ID` (SSE clients do so themselves when they reconnect) or in `last_event_id`
    (the header wins): the stream carries exactly the events after it, none twice, none left
    out. Events stay resumable for CHARTER_EVENTS_RETENTION_DAYS (7) after their publication;
    an id that is older than that, unknown or another organization's is 400 `INVALID_REQUEST`
    naming `header.Last-Event-ID` or `query.last_event_id`: read the current state, then
    reconnect without an id. Without an id the stream starts now (it may open with events
    committed a moment before, whose transactions were still ending).

    **Duration.** The response ends after `max_wait` seconds; by default (and at the latest)
    after CHARTER_TIMEOUT_STREAM (300 s), the timeout class of streams, which takes the place of
    the 30 s request deadline here. It ends earlier when the credential is revoked or expires
    (checked at every heartbeat) or when the client falls 10,000 events behind: reconnect with
    the last id. `max_wait=0` sends what is waiting after the id and ends (polling).

    **Limits.** At most 5 streams open at once per API key or user (CHARTER_EVENTS_MAX_STREAMS,
    across every server process when Redis is configured): one more is 429 `RATE_LIMITED` with
    `Retry-After`. Opening a stream counts as one request against the plan's rate limits.

    Args:
        events (list[StreamEventsEventsItem] | Unset):
        collections (list[str] | Unset):
        max_wait (int | Unset):
        last_event_id_query (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | str]
    """

    kwargs = _get_kwargs(
        events=events,
        collections=collections,
        max_wait=max_wait,
        last_event_id_query=last_event_id_query,
        last_event_id_header=last_event_id_header,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> str:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(str, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    events: list[StreamEventsEventsItem] | Unset = UNSET,
    collections: list[str] | Unset = UNSET,
    max_wait: int | Unset = UNSET,
    last_event_id_query: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> str:
    """Stream events (Server-Sent Events)

     The events webhooks deliver (the catalog of `POST /webhooks`), live, as Server-Sent Events,
    for clients that cannot receive webhooks: a browser, a mobile app, a script behind NAT.
    Authenticate as for any call (`X-API-Key` or `Authorization: Bearer`); a browser's built-in
    `EventSource` cannot send headers, so use an SSE client that can (such as
    `@microsoft/fetch-event-source`, or the `eventsource` package on Node).

    A stream carries the caller's organization and mode only (`sk_test_` keys see sandbox
    events), and only the events whose scope the caller holds: `read:data` for `record.*` and
    `collection.*`, `users:read` for `user.*`, `organizations:read` for `organization.*`,
    `keys:read` for `api_key.*`, `webhooks:read` for `webhook.*`, `files:read` for `file.*`,
    `analytics:read` for `report.*` and `ingestion:read` for `ingestion.*`. Without `events` it
    carries every event the caller can read. A stream needs no scope of its own, but
    credentials that read no event at all are refused (403), and so is naming an event the
    caller cannot read (403, naming it).

    **Format.** Each event is one message: `id:` the event id, `event:` its type, `data:` one
    line of JSON, the webhook payload of the event (the `WebhookDelivery.payload` schemas) without
    `signature` (the connection is the caller's own):

    ```
    id: evt_7Yx2KfLq9MzTb3Wc
    event: record.created
    data: {"id":"evt_7Yx2KfLq9MzTb3Wc","event":"record.created","timestamp":"2024-02-
    07T10:30:00Z","data":{"collection":"products","record_id":"rec_abc123","changes":{"name":"Widget"}}}
    ```

    The response opens with `retry: 3000` (reconnect after 3 s). Once the events to catch up on
    are sent, a message with only `id: cur_...` marks the position reached, so a client that got
    no event still holds an id to resume from (SSE clients keep it without firing an event).
    When nothing else was sent for 15 s (CHARTER_EVENTS_HEARTBEAT_SECONDS) a `: ping` comment
    keeps proxies from closing the connection. Treat ids as opaque.

    **Order and resume.** Events come in commit order. Send the last id received in
    `Last-Event-ID` (SSE clients do so themselves when they reconnect) or in `last_event_id`
    (the header wins): the stream carries exactly the events after it, none twice, none left
    out. Events stay resumable for CHARTER_EVENTS_RETENTION_DAYS (7) after their publication;
    an id that is older than that, unknown or another organization's is 400 `INVALID_REQUEST`
    naming `header.Last-Event-ID` or `query.last_event_id`: read the current state, then
    reconnect without an id. Without an id the stream starts now (it may open with events
    committed a moment before, whose transactions were still ending).

    **Duration.** The response ends after `max_wait` seconds; by default (and at the latest)
    after CHARTER_TIMEOUT_STREAM (300 s), the timeout class of streams, which takes the place of
    the 30 s request deadline here. It ends earlier when the credential is revoked or expires
    (checked at every heartbeat) or when the client falls 10,000 events behind: reconnect with
    the last id. `max_wait=0` sends what is waiting after the id and ends (polling).

    **Limits.** At most 5 streams open at once per API key or user (CHARTER_EVENTS_MAX_STREAMS,
    across every server process when Redis is configured): one more is 429 `RATE_LIMITED` with
    `Retry-After`. Opening a stream counts as one request against the plan's rate limits.

    Args:
        events (list[StreamEventsEventsItem] | Unset):
        collections (list[str] | Unset):
        max_wait (int | Unset):
        last_event_id_query (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        str
    """

    kwargs = _get_kwargs(
        events=events,
        collections=collections,
        max_wait=max_wait,
        last_event_id_query=last_event_id_query,
        last_event_id_header=last_event_id_header,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    events: list[StreamEventsEventsItem] | Unset = UNSET,
    collections: list[str] | Unset = UNSET,
    max_wait: int | Unset = UNSET,
    last_event_id_query: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> Response[V2Error | str]:
    """Stream events (Server-Sent Events)

     The events webhooks deliver (the catalog of `POST /webhooks`), live, as Server-Sent Events,
    for clients that cannot receive webhooks: a browser, a mobile app, a script behind NAT.
    Authenticate as for any call (`X-API-Key` or `Authorization: Bearer`); a browser's built-in
    `EventSource` cannot send headers, so use an SSE client that can (such as
    `@microsoft/fetch-event-source`, or the `eventsource` package on Node).

    A stream carries the caller's organization and mode only (`sk_test_` keys see sandbox
    events), and only the events whose scope the caller holds: `read:data` for `record.*` and
    `collection.*`, `users:read` for `user.*`, `organizations:read` for `organization.*`,
    `keys:read` for `api_key.*`, `webhooks:read` for `webhook.*`, `files:read` for `file.*`,
    `analytics:read` for `report.*` and `ingestion:read` for `ingestion.*`. Without `events` it
    carries every event the caller can read. A stream needs no scope of its own, but
    credentials that read no event at all are refused (403), and so is naming an event the
    caller cannot read (403, naming it).

    **Format.** Each event is one message: `id:` the event id, `event:` its type, `data:` one
    line of JSON, the webhook payload of the event (the `WebhookDelivery.payload` schemas) without
    `signature` (the connection is the caller's own):

    ```
    id: evt_7Yx2KfLq9MzTb3Wc
    event: record.created
    data: {"id":"evt_7Yx2KfLq9MzTb3Wc","event":"record.created","timestamp":"2024-02-
    07T10:30:00Z","data":{"collection":"products","record_id":"rec_abc123","changes":{"name":"Widget"}}}
    ```

    The response opens with `retry: 3000` (reconnect after 3 s). Once the events to catch up on
    are sent, a message with only `id: cur_...` marks the position reached, so a client that got
    no event still holds an id to resume from (SSE clients keep it without firing an event).
    When nothing else was sent for 15 s (CHARTER_EVENTS_HEARTBEAT_SECONDS) a `: ping` comment
    keeps proxies from closing the connection. Treat ids as opaque.

    **Order and resume.** Events come in commit order. Send the last id received in
    `Last-Event-ID` (SSE clients do so themselves when they reconnect) or in `last_event_id`
    (the header wins): the stream carries exactly the events after it, none twice, none left
    out. Events stay resumable for CHARTER_EVENTS_RETENTION_DAYS (7) after their publication;
    an id that is older than that, unknown or another organization's is 400 `INVALID_REQUEST`
    naming `header.Last-Event-ID` or `query.last_event_id`: read the current state, then
    reconnect without an id. Without an id the stream starts now (it may open with events
    committed a moment before, whose transactions were still ending).

    **Duration.** The response ends after `max_wait` seconds; by default (and at the latest)
    after CHARTER_TIMEOUT_STREAM (300 s), the timeout class of streams, which takes the place of
    the 30 s request deadline here. It ends earlier when the credential is revoked or expires
    (checked at every heartbeat) or when the client falls 10,000 events behind: reconnect with
    the last id. `max_wait=0` sends what is waiting after the id and ends (polling).

    **Limits.** At most 5 streams open at once per API key or user (CHARTER_EVENTS_MAX_STREAMS,
    across every server process when Redis is configured): one more is 429 `RATE_LIMITED` with
    `Retry-After`. Opening a stream counts as one request against the plan's rate limits.

    Args:
        events (list[StreamEventsEventsItem] | Unset):
        collections (list[str] | Unset):
        max_wait (int | Unset):
        last_event_id_query (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | str]
    """

    kwargs = _get_kwargs(
        events=events,
        collections=collections,
        max_wait=max_wait,
        last_event_id_query=last_event_id_query,
        last_event_id_header=last_event_id_header,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    events: list[StreamEventsEventsItem] | Unset = UNSET,
    collections: list[str] | Unset = UNSET,
    max_wait: int | Unset = UNSET,
    last_event_id_query: str | Unset = UNSET,
    last_event_id_header: str | Unset = UNSET,
) -> str:
    """Stream events (Server-Sent Events)

     The events webhooks deliver (the catalog of `POST /webhooks`), live, as Server-Sent Events,
    for clients that cannot receive webhooks: a browser, a mobile app, a script behind NAT.
    Authenticate as for any call (`X-API-Key` or `Authorization: Bearer`); a browser's built-in
    `EventSource` cannot send headers, so use an SSE client that can (such as
    `@microsoft/fetch-event-source`, or the `eventsource` package on Node).

    A stream carries the caller's organization and mode only (`sk_test_` keys see sandbox
    events), and only the events whose scope the caller holds: `read:data` for `record.*` and
    `collection.*`, `users:read` for `user.*`, `organizations:read` for `organization.*`,
    `keys:read` for `api_key.*`, `webhooks:read` for `webhook.*`, `files:read` for `file.*`,
    `analytics:read` for `report.*` and `ingestion:read` for `ingestion.*`. Without `events` it
    carries every event the caller can read. A stream needs no scope of its own, but
    credentials that read no event at all are refused (403), and so is naming an event the
    caller cannot read (403, naming it).

    **Format.** Each event is one message: `id:` the event id, `event:` its type, `data:` one
    line of JSON, the webhook payload of the event (the `WebhookDelivery.payload` schemas) without
    `signature` (the connection is the caller's own):

    ```
    id: evt_7Yx2KfLq9MzTb3Wc
    event: record.created
    data: {"id":"evt_7Yx2KfLq9MzTb3Wc","event":"record.created","timestamp":"2024-02-
    07T10:30:00Z","data":{"collection":"products","record_id":"rec_abc123","changes":{"name":"Widget"}}}
    ```

    The response opens with `retry: 3000` (reconnect after 3 s). Once the events to catch up on
    are sent, a message with only `id: cur_...` marks the position reached, so a client that got
    no event still holds an id to resume from (SSE clients keep it without firing an event).
    When nothing else was sent for 15 s (CHARTER_EVENTS_HEARTBEAT_SECONDS) a `: ping` comment
    keeps proxies from closing the connection. Treat ids as opaque.

    **Order and resume.** Events come in commit order. Send the last id received in
    `Last-Event-ID` (SSE clients do so themselves when they reconnect) or in `last_event_id`
    (the header wins): the stream carries exactly the events after it, none twice, none left
    out. Events stay resumable for CHARTER_EVENTS_RETENTION_DAYS (7) after their publication;
    an id that is older than that, unknown or another organization's is 400 `INVALID_REQUEST`
    naming `header.Last-Event-ID` or `query.last_event_id`: read the current state, then
    reconnect without an id. Without an id the stream starts now (it may open with events
    committed a moment before, whose transactions were still ending).

    **Duration.** The response ends after `max_wait` seconds; by default (and at the latest)
    after CHARTER_TIMEOUT_STREAM (300 s), the timeout class of streams, which takes the place of
    the 30 s request deadline here. It ends earlier when the credential is revoked or expires
    (checked at every heartbeat) or when the client falls 10,000 events behind: reconnect with
    the last id. `max_wait=0` sends what is waiting after the id and ends (polling).

    **Limits.** At most 5 streams open at once per API key or user (CHARTER_EVENTS_MAX_STREAMS,
    across every server process when Redis is configured): one more is 429 `RATE_LIMITED` with
    `Retry-After`. Opening a stream counts as one request against the plan's rate limits.

    Args:
        events (list[StreamEventsEventsItem] | Unset):
        collections (list[str] | Unset):
        max_wait (int | Unset):
        last_event_id_query (str | Unset):
        last_event_id_header (str | Unset):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        str
    """

    kwargs = _get_kwargs(
        events=events,
        collections=collections,
        max_wait=max_wait,
        last_event_id_query=last_event_id_query,
        last_event_id_header=last_event_id_header,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
