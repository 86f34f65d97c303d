"""v1 API keys (admin only, seed 002)."""

from charter.http.context import current_actor
from charter.http.responses import json, no_content, parse_time, v1_page
from charter.http.uow import read, transaction
from charter.identity import keys


async def list_keys(
    limit=20, offset=0, sort="created_at", order="desc", mode=None, status=None, name=None
):
    filters = {"sort": sort, "order": order, "mode": mode, "status": status, "name": name}
    async with read() as session:
        page = await keys.get_all(session, current_actor(), limit=limit, offset=offset, **filters)
    return v1_page(page)


async def create_key(body):
    expires_at = parse_time(body.get("expires_at"), "body.expires_at")
    async with transaction() as session:
        key, secret = await keys.create(
            session,
            current_actor(),
            name=body["name"],
            scopes=body["scopes"],
            ip_ranges=body.get("ip_ranges"),
            expires_at=expires_at,
            mode=body.get("mode", "live"),
        )
    return json({"data": {**key, "secret": secret}}, 201, {"Location": f"/v1/keys/{key['id']}"})


async def get_key(key_id):
    async with read() as session:
        key = await keys.get(session, current_actor(), key_id)
    return json({"data": key})


async def update_key(key_id, body):
    async with transaction() as session:
        key = await keys.update(session, current_actor(), key_id, body)
    return json({"data": key})


async def replace_key(key_id, body):
    async with transaction() as session:
        key = await keys.update(session, current_actor(), key_id, {"ip_ranges": [], **body})
    return json({"data": key})


async def revoke_key(key_id):
    async with transaction() as session:
        await keys.revoke(session, current_actor(), key_id)
    return no_content()


async def roll_key(key_id, body=None):
    # Without a body (or a content type) Connexion hands over raw bytes: use the defaults.
    grace = body.get("grace_seconds", 0) if isinstance(body, dict) else 0
    async with transaction() as session:
        key, secret = await keys.roll(session, current_actor(), key_id, grace_seconds=grace)
    return json({"data": {**key, "secret": secret}}, 201, {"Location": f"/v1/keys/{key['id']}"})
