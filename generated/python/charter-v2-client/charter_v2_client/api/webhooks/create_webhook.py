from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.v2_error import V2Error
from ...models.webhook_request import WebhookRequest
from ...models.webhook_with_secret import WebhookWithSecret
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> V2Error | WebhookWithSecret:
    if response.status_code == 201:
        response_201 = WebhookWithSecret.from_dict(response.json())

        return response_201

    if 400 <= response.status_code <= 499:
        response_4xx = V2Error.from_dict(response.json())

        return response_4xx

    response_default = V2Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[V2Error | WebhookWithSecret]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[V2Error | WebhookWithSecret]:
    """Register a webhook

     Registers an endpoint for the events it names (seed 000's body). `events` must come from the
    catalog below (400 naming the entry otherwise); `collections` narrows record events to those
    collections (empty or absent: every collection; other events are not filtered by it). `url` is
    http(s); it may not point at loopback, private, link-local or metadata addresses (400
    `INVALID_REQUEST`, unless the server sets `CHARTER_ALLOW_PRIVATE_OUTBOUND`); a host name that
    does not resolve yet is accepted and checked again at every delivery. `secret` signs every
    delivery; when absent a `whsec_` secret is generated. The answer shows the secret this once;
    it is stored encrypted.

    Events:

    - `record.created`: A record was created (seed 000).
    - `record.updated`: A record was changed (seed 000).
    - `record.deleted`: A record was deleted or expired (seed 000).
    - `collection.declared`: A collection's schema or indexes were declared.
    - `collection.deleted`: A collection was deleted with its records.
    - `user.created`: A user was created (seed 004).
    - `user.updated`: A user was changed (seed 004).
    - `user.deleted`: A user was deleted (seed 004).
    - `user.unlocked`: A locked user was unlocked.
    - `user.authenticated`: A user logged in (seed 001).
    - `user.login_failed`: A login with a known username failed.
    - `user.mfa_failed`: A failed MFA attempt (seed 001).
    - `organization.created`: An organization was created.
    - `organization.updated`: An organization was changed.
    - `organization.deleted`: An organization was deleted.
    - `api_key.created`: An API key was created.
    - `api_key.updated`: An API key was changed.
    - `api_key.rolled`: An API key was rolled to a new secret.
    - `api_key.revoked`: An API key was revoked.
    - `webhook.disabled`: A webhook endpoint was disabled by delivery failures.
    - `file.created`: A file was uploaded (seed 001).
    - `file.deleted`: A file was deleted (seed 001).
    - `file.shared`: A file's sharing changed (seed 001). Not emitted yet: deliveries start when
      the capability lands.
    - `report.generated`: A scheduled report is ready (seed 001). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.completed`: An ingestion job completed (seed 003). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.failed`: An ingestion job failed (seed 003). Not emitted yet: deliveries start
      when the capability lands.
    - `oauth.client.created`: An OAuth client was registered (seed 004).
    - `oauth.grant.created`: A user authorized an OAuth client.
    - `oauth.grant.revoked`: A user withdrew the access of an OAuth client.

    Each delivery is a POST of `{id, event, timestamp, data, signature}` (the
    `WebhookDelivery.payload` schemas, one per event), signed four ways: `X-Charter-Signature:
    sha256=<hex HMAC-SHA256 of the raw body keyed by the secret's UTF-8 bytes>`, the same value
    under `X-TechCorp-Signature` (seed 001's `verify_signature` works as written), the body's
    `signature` member (the same HMAC over the RFC 8785 canonical JSON of the payload without
    `signature`), and the Standard Webhooks headers `webhook-id` (the event id, the same on every
    retry: deduplicate on it), `webhook-timestamp` (Unix seconds of the attempt: reject old ones)
    and `webhook-signature: v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`
    keyed by the base64 part of a `whsec_` secret, or by the UTF-8 bytes of a secret in another
    form. Answer 2xx within 30 seconds; anything else (3xx included) is retried with exponential
    backoff and jitter for about three days; 429 and 503 with `Retry-After` are retried then; 410
    disables the endpoint; an endpoint failing for 5 days is disabled (`webhook.disabled`).

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403
    otherwise, naming the event): `read:data` for `record.*` and `collection.*`, `users:read` for
    `user.*`, `organizations:read` for `organization.*`, `keys:read` for `api_key.*`,
    `webhooks:read` for `webhook.*`, `files:read` for `file.*`, `analytics:read` for `report.*`
    and `ingestion:read` for `ingestion.*`.

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | WebhookWithSecret]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def _parse_success(*, client: AuthenticatedClient | Client, response: httpx.Response) -> WebhookWithSecret:
    if response.status_code >= 400:
        raise errors.ApiError.from_response(response, parse=lambda: _parse_response(client=client, response=response))
    return cast(WebhookWithSecret, _parse_response(client=client, response=response))


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> WebhookWithSecret:
    """Register a webhook

     Registers an endpoint for the events it names (seed 000's body). `events` must come from the
    catalog below (400 naming the entry otherwise); `collections` narrows record events to those
    collections (empty or absent: every collection; other events are not filtered by it). `url` is
    http(s); it may not point at loopback, private, link-local or metadata addresses (400
    `INVALID_REQUEST`, unless the server sets `CHARTER_ALLOW_PRIVATE_OUTBOUND`); a host name that
    does not resolve yet is accepted and checked again at every delivery. `secret` signs every
    delivery; when absent a `whsec_` secret is generated. The answer shows the secret this once;
    it is stored encrypted.

    Events:

    - `record.created`: A record was created (seed 000).
    - `record.updated`: A record was changed (seed 000).
    - `record.deleted`: A record was deleted or expired (seed 000).
    - `collection.declared`: A collection's schema or indexes were declared.
    - `collection.deleted`: A collection was deleted with its records.
    - `user.created`: A user was created (seed 004).
    - `user.updated`: A user was changed (seed 004).
    - `user.deleted`: A user was deleted (seed 004).
    - `user.unlocked`: A locked user was unlocked.
    - `user.authenticated`: A user logged in (seed 001).
    - `user.login_failed`: A login with a known username failed.
    - `user.mfa_failed`: A failed MFA attempt (seed 001).
    - `organization.created`: An organization was created.
    - `organization.updated`: An organization was changed.
    - `organization.deleted`: An organization was deleted.
    - `api_key.created`: An API key was created.
    - `api_key.updated`: An API key was changed.
    - `api_key.rolled`: An API key was rolled to a new secret.
    - `api_key.revoked`: An API key was revoked.
    - `webhook.disabled`: A webhook endpoint was disabled by delivery failures.
    - `file.created`: A file was uploaded (seed 001).
    - `file.deleted`: A file was deleted (seed 001).
    - `file.shared`: A file's sharing changed (seed 001). Not emitted yet: deliveries start when
      the capability lands.
    - `report.generated`: A scheduled report is ready (seed 001). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.completed`: An ingestion job completed (seed 003). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.failed`: An ingestion job failed (seed 003). Not emitted yet: deliveries start
      when the capability lands.
    - `oauth.client.created`: An OAuth client was registered (seed 004).
    - `oauth.grant.created`: A user authorized an OAuth client.
    - `oauth.grant.revoked`: A user withdrew the access of an OAuth client.

    Each delivery is a POST of `{id, event, timestamp, data, signature}` (the
    `WebhookDelivery.payload` schemas, one per event), signed four ways: `X-Charter-Signature:
    sha256=<hex HMAC-SHA256 of the raw body keyed by the secret's UTF-8 bytes>`, the same value
    under `X-TechCorp-Signature` (seed 001's `verify_signature` works as written), the body's
    `signature` member (the same HMAC over the RFC 8785 canonical JSON of the payload without
    `signature`), and the Standard Webhooks headers `webhook-id` (the event id, the same on every
    retry: deduplicate on it), `webhook-timestamp` (Unix seconds of the attempt: reject old ones)
    and `webhook-signature: v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`
    keyed by the base64 part of a `whsec_` secret, or by the UTF-8 bytes of a secret in another
    form. Answer 2xx within 30 seconds; anything else (3xx included) is retried with exponential
    backoff and jitter for about three days; 429 and 503 with `Retry-After` are retried then; 410
    disables the endpoint; an endpoint failing for 5 days is disabled (`webhook.disabled`).

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403
    otherwise, naming the event): `read:data` for `record.*` and `collection.*`, `users:read` for
    `user.*`, `organizations:read` for `organization.*`, `keys:read` for `api_key.*`,
    `webhooks:read` for `webhook.*`, `files:read` for `file.*`, `analytics:read` for `report.*`
    and `ingestion:read` for `ingestion.*`.

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WebhookWithSecret
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(client=client, response=response)


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[V2Error | WebhookWithSecret]:
    """Register a webhook

     Registers an endpoint for the events it names (seed 000's body). `events` must come from the
    catalog below (400 naming the entry otherwise); `collections` narrows record events to those
    collections (empty or absent: every collection; other events are not filtered by it). `url` is
    http(s); it may not point at loopback, private, link-local or metadata addresses (400
    `INVALID_REQUEST`, unless the server sets `CHARTER_ALLOW_PRIVATE_OUTBOUND`); a host name that
    does not resolve yet is accepted and checked again at every delivery. `secret` signs every
    delivery; when absent a `whsec_` secret is generated. The answer shows the secret this once;
    it is stored encrypted.

    Events:

    - `record.created`: A record was created (seed 000).
    - `record.updated`: A record was changed (seed 000).
    - `record.deleted`: A record was deleted or expired (seed 000).
    - `collection.declared`: A collection's schema or indexes were declared.
    - `collection.deleted`: A collection was deleted with its records.
    - `user.created`: A user was created (seed 004).
    - `user.updated`: A user was changed (seed 004).
    - `user.deleted`: A user was deleted (seed 004).
    - `user.unlocked`: A locked user was unlocked.
    - `user.authenticated`: A user logged in (seed 001).
    - `user.login_failed`: A login with a known username failed.
    - `user.mfa_failed`: A failed MFA attempt (seed 001).
    - `organization.created`: An organization was created.
    - `organization.updated`: An organization was changed.
    - `organization.deleted`: An organization was deleted.
    - `api_key.created`: An API key was created.
    - `api_key.updated`: An API key was changed.
    - `api_key.rolled`: An API key was rolled to a new secret.
    - `api_key.revoked`: An API key was revoked.
    - `webhook.disabled`: A webhook endpoint was disabled by delivery failures.
    - `file.created`: A file was uploaded (seed 001).
    - `file.deleted`: A file was deleted (seed 001).
    - `file.shared`: A file's sharing changed (seed 001). Not emitted yet: deliveries start when
      the capability lands.
    - `report.generated`: A scheduled report is ready (seed 001). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.completed`: An ingestion job completed (seed 003). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.failed`: An ingestion job failed (seed 003). Not emitted yet: deliveries start
      when the capability lands.
    - `oauth.client.created`: An OAuth client was registered (seed 004).
    - `oauth.grant.created`: A user authorized an OAuth client.
    - `oauth.grant.revoked`: A user withdrew the access of an OAuth client.

    Each delivery is a POST of `{id, event, timestamp, data, signature}` (the
    `WebhookDelivery.payload` schemas, one per event), signed four ways: `X-Charter-Signature:
    sha256=<hex HMAC-SHA256 of the raw body keyed by the secret's UTF-8 bytes>`, the same value
    under `X-TechCorp-Signature` (seed 001's `verify_signature` works as written), the body's
    `signature` member (the same HMAC over the RFC 8785 canonical JSON of the payload without
    `signature`), and the Standard Webhooks headers `webhook-id` (the event id, the same on every
    retry: deduplicate on it), `webhook-timestamp` (Unix seconds of the attempt: reject old ones)
    and `webhook-signature: v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`
    keyed by the base64 part of a `whsec_` secret, or by the UTF-8 bytes of a secret in another
    form. Answer 2xx within 30 seconds; anything else (3xx included) is retried with exponential
    backoff and jitter for about three days; 429 and 503 with `Retry-After` are retried then; 410
    disables the endpoint; an endpoint failing for 5 days is disabled (`webhook.disabled`).

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403
    otherwise, naming the event): `read:data` for `record.*` and `collection.*`, `users:read` for
    `user.*`, `organizations:read` for `organization.*`, `keys:read` for `api_key.*`,
    `webhooks:read` for `webhook.*`, `files:read` for `file.*`, `analytics:read` for `report.*`
    and `ingestion:read` for `ingestion.*`.

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[V2Error | WebhookWithSecret]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: WebhookRequest,
    idempotency_key: str | Unset = UNSET,
) -> WebhookWithSecret:
    """Register a webhook

     Registers an endpoint for the events it names (seed 000's body). `events` must come from the
    catalog below (400 naming the entry otherwise); `collections` narrows record events to those
    collections (empty or absent: every collection; other events are not filtered by it). `url` is
    http(s); it may not point at loopback, private, link-local or metadata addresses (400
    `INVALID_REQUEST`, unless the server sets `CHARTER_ALLOW_PRIVATE_OUTBOUND`); a host name that
    does not resolve yet is accepted and checked again at every delivery. `secret` signs every
    delivery; when absent a `whsec_` secret is generated. The answer shows the secret this once;
    it is stored encrypted.

    Events:

    - `record.created`: A record was created (seed 000).
    - `record.updated`: A record was changed (seed 000).
    - `record.deleted`: A record was deleted or expired (seed 000).
    - `collection.declared`: A collection's schema or indexes were declared.
    - `collection.deleted`: A collection was deleted with its records.
    - `user.created`: A user was created (seed 004).
    - `user.updated`: A user was changed (seed 004).
    - `user.deleted`: A user was deleted (seed 004).
    - `user.unlocked`: A locked user was unlocked.
    - `user.authenticated`: A user logged in (seed 001).
    - `user.login_failed`: A login with a known username failed.
    - `user.mfa_failed`: A failed MFA attempt (seed 001).
    - `organization.created`: An organization was created.
    - `organization.updated`: An organization was changed.
    - `organization.deleted`: An organization was deleted.
    - `api_key.created`: An API key was created.
    - `api_key.updated`: An API key was changed.
    - `api_key.rolled`: An API key was rolled to a new secret.
    - `api_key.revoked`: An API key was revoked.
    - `webhook.disabled`: A webhook endpoint was disabled by delivery failures.
    - `file.created`: A file was uploaded (seed 001).
    - `file.deleted`: A file was deleted (seed 001).
    - `file.shared`: A file's sharing changed (seed 001). Not emitted yet: deliveries start when
      the capability lands.
    - `report.generated`: A scheduled report is ready (seed 001). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.completed`: An ingestion job completed (seed 003). Not emitted yet: deliveries
      start when the capability lands.
    - `ingestion.failed`: An ingestion job failed (seed 003). Not emitted yet: deliveries start
      when the capability lands.
    - `oauth.client.created`: An OAuth client was registered (seed 004).
    - `oauth.grant.created`: A user authorized an OAuth client.
    - `oauth.grant.revoked`: A user withdrew the access of an OAuth client.

    Each delivery is a POST of `{id, event, timestamp, data, signature}` (the
    `WebhookDelivery.payload` schemas, one per event), signed four ways: `X-Charter-Signature:
    sha256=<hex HMAC-SHA256 of the raw body keyed by the secret's UTF-8 bytes>`, the same value
    under `X-TechCorp-Signature` (seed 001's `verify_signature` works as written), the body's
    `signature` member (the same HMAC over the RFC 8785 canonical JSON of the payload without
    `signature`), and the Standard Webhooks headers `webhook-id` (the event id, the same on every
    retry: deduplicate on it), `webhook-timestamp` (Unix seconds of the attempt: reject old ones)
    and `webhook-signature: v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`
    keyed by the base64 part of a `whsec_` secret, or by the UTF-8 bytes of a secret in another
    form. Answer 2xx within 30 seconds; anything else (3xx included) is retried with exponential
    backoff and jitter for about three days; 429 and 503 with `Retry-After` are retried then; 410
    disables the endpoint; an endpoint failing for 5 days is disabled (`webhook.disabled`).

    Needs `webhooks:write`, and for each event the scope that reads what it carries (403
    otherwise, naming the event): `read:data` for `record.*` and `collection.*`, `users:read` for
    `user.*`, `organizations:read` for `organization.*`, `keys:read` for `api_key.*`,
    `webhooks:read` for `webhook.*`, `files:read` for `file.*`, `analytics:read` for `report.*`
    and `ingestion:read` for `ingestion.*`.

    Args:
        idempotency_key (str | Unset):
        body (WebhookRequest):

    Raises:
        errors.ApiError: If the server answers with a 4xx or 5xx status; it carries the status, the
            surface's error code and message, and the request id.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WebhookWithSecret
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(client=client, response=response)
