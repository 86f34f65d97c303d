"""v1 audit log (read only, seed 002)."""

from charter.events import audit
from charter.http.context import current_actor
from charter.http.responses import json, parse_time, v1_page
from charter.http.uow import read


async def list_audit_events(
    limit=20,
    offset=0,
    actor_id=None,
    action=None,
    resource_type=None,
    resource_id=None,
    since=None,
    until=None,
    sort="created_at",
    order="desc",
):
    filters = {
        "sort": sort,
        "order": order,
        "actor_id": actor_id,
        "action": action,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "since": parse_time(since, "query.since"),
        "until": parse_time(until, "query.until"),
    }
    async with read() as session:
        page = await audit.query(session, current_actor(), limit=limit, offset=offset, **filters)
    return v1_page(page)


async def get_audit_event(event_id):
    async with read() as session:
        event = await audit.get(session, current_actor(), event_id)
    return json({"data": event})
