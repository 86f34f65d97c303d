"""v1 audit log (read only, seed 002)."""

from charter import audit
from charter.context import current_actor
from handlers.common import json, parse_time


def list_audit_events(
    limit=20,
    offset=0,
    actor_id=None,
    action=None,
    resource_type=None,
    resource_id=None,
    since=None,
    until=None,
):
    page = audit.query(
        current_actor(),
        limit=limit,
        offset=offset,
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=parse_time(since, "query.since"),
        until=parse_time(until, "query.until"),
    )
    return json(
        {"data": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    )


def get_audit_event(event_id):
    return json({"data": audit.get(current_actor(), event_id)})
