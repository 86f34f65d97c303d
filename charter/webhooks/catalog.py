"""The one catalog of webhook events: every event an endpoint may subscribe to, where it comes
from and whether Charter emits it yet.

Registration validates `events` against it (an unknown name is 400); the specs document one
payload schema per name (`tests/webhooks/test_catalog.py` keeps them equal). An event that is
catalogued but not emitted yet (files, reports, ingestion) may be subscribed to: deliveries
start when its capability lands and announces it through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    description: str
    emitted: bool
    record: bool = False  # filtered by the endpoint's `collections` too

    @property
    def scope(self) -> str:
        """The scope that reads what this event carries: subscribing to the event (a webhook, the
        event stream) or reading its payload in a delivery log needs it, so `webhooks:write`
        alone never opens a door that the resource's own read scope keeps shut."""
        return scope_of(self.name)


# An event's family -> the scope that reads it (openapi/common/scopes.yaml).
SCOPES = {
    "record": "read:data",
    "collection": "read:data",
    "user": "users:read",
    "organization": "organizations:read",
    "api_key": "keys:read",
    "webhook": "webhooks:read",
    "file": "files:read",
    "report": "analytics:read",
    "ingestion": "ingestion:read",
    "oauth": "keys:read",  # OAuth clients and grants are credentials, like API keys
}


_EVENTS = [
    EventType("record.created", "A record was created (seed 000).", True, record=True),
    EventType("record.updated", "A record was changed (seed 000).", True, record=True),
    EventType("record.deleted", "A record was deleted or expired (seed 000).", True, record=True),
    EventType("collection.declared", "A collection's schema or indexes were declared.", True),
    EventType("collection.deleted", "A collection was deleted with its records.", True),
    EventType("user.created", "A user was created (seed 004).", True),
    EventType("user.updated", "A user was changed (seed 004).", True),
    EventType("user.deleted", "A user was deleted (seed 004).", True),
    EventType("user.unlocked", "A locked user was unlocked.", True),
    EventType("user.authenticated", "A user logged in (seed 001).", True),
    EventType("user.login_failed", "A login with a known username failed.", True),
    EventType("user.mfa_failed", "A failed MFA attempt (seed 001).", True),
    EventType("organization.created", "An organization was created.", True),
    EventType("organization.updated", "An organization was changed.", True),
    EventType("organization.deleted", "An organization was deleted.", True),
    EventType("api_key.created", "An API key was created.", True),
    EventType("api_key.updated", "An API key was changed.", True),
    EventType("api_key.rolled", "An API key was rolled to a new secret.", True),
    EventType("api_key.revoked", "An API key was revoked.", True),
    EventType("webhook.disabled", "A webhook endpoint was disabled by delivery failures.", True),
    EventType("file.created", "A file was uploaded (seed 001).", True),
    EventType("file.deleted", "A file was deleted (seed 001).", True),
    EventType("file.shared", "A file's sharing changed (seed 001).", False),
    EventType("report.generated", "A scheduled report is ready (seed 001).", False),
    EventType("ingestion.completed", "An ingestion job completed (seed 003).", False),
    EventType("ingestion.failed", "An ingestion job failed (seed 003).", False),
    EventType("oauth.client.created", "An OAuth client was registered (seed 004).", True),
    EventType("oauth.grant.created", "A user authorized an OAuth client.", True),
    EventType("oauth.grant.revoked", "A user withdrew the access of an OAuth client.", True),
]

EVENTS: dict[str, EventType] = {event.name: event for event in _EVENTS}
# Sent by `POST .../ping` to one endpoint whatever it subscribes to; not subscribable.
PING = "webhook.ping"


def scope_of(name: str) -> str:
    """The scope that reads event `name` (catalogued or the ping)."""
    return SCOPES[name.split(".", 1)[0]]


def is_record_event(name: str) -> bool:
    event = EVENTS.get(name)
    return event is not None and event.record


def emitted() -> list[str]:
    return [event.name for event in _EVENTS if event.emitted]
