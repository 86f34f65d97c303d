"""Webhook rows for tests that need one to exist (the tenancy, malformed-body and header walks),
written through the synchronous engine with the services' own constructors."""

from __future__ import annotations

from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from charter.webhooks import fanout
from storage.models import WebhookDelivery, WebhookEndpoint


def create_webhook(
    organization_id: str,
    url: str = "https://hooks.example.com/in",
    *,
    events: list[str] | None = None,
    secret: str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    status: str = "disabled",
) -> dict[str, str]:
    """An endpoint (disabled by default, so no worker of another test tries to deliver to it)
    with one failed delivery; (webhook id, delivery id) as a dict."""
    now = utcnow()
    endpoint = WebhookEndpoint(
        id=new_id("wh"),
        organization_id=organization_id,
        livemode=True,
        url=url,
        events=events or ["record.created"],
        collections=[],
        secret_enc=crypto.encrypt(secret),
        status=status,
        disabled_reason="manual" if status == "disabled" else None,
        disabled_at=now if status == "disabled" else None,
        created_at=now,
        updated_at=now,
    )
    event_id = new_id("evt")
    payload = fanout.message(event_id, "record.created", "2024-02-07T10:30:00Z", {})
    row = fanout.new_delivery(
        endpoint.id, event_id, "record.created", fanout.encrypt_payload(payload), now
    )
    row.update(status="failed", next_attempt_at=None, attempts=1)
    with runtime.current().db.sync_transaction() as session:
        session.add(endpoint)
        session.flush()
        session.add(WebhookDelivery(**row))
    return {"webhook_id": endpoint.id, "delivery_id": row["id"]}
