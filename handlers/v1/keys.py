"""v1 API keys (admin only, seed 002)."""

from charter import keys
from charter.context import current_actor
from handlers.common import json, no_content, parse_time


def list_keys(limit=20, offset=0):
    page = keys.get_all(current_actor(), limit=limit, offset=offset)
    return json(
        {"data": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    )


def create_key(body):
    key, secret = keys.create(
        current_actor(),
        name=body["name"],
        scopes=body["scopes"],
        ip_ranges=body.get("ip_ranges"),
        expires_at=parse_time(body.get("expires_at"), "body.expires_at"),
        mode=body.get("mode", "live"),
    )
    return json({"data": {**key, "secret": secret}}, 201, {"Location": f"/v1/keys/{key['id']}"})


def get_key(key_id):
    return json({"data": keys.get(current_actor(), key_id)})


def update_key(key_id, body):
    return json({"data": keys.update(current_actor(), key_id, body)})


def revoke_key(key_id):
    keys.revoke(current_actor(), key_id)
    return no_content()


def roll_key(key_id, body=None):
    # Without a body (or a content type) Connexion hands over raw bytes: use the defaults.
    grace = body.get("grace_seconds", 0) if isinstance(body, dict) else 0
    key, secret = keys.roll(current_actor(), key_id, grace_seconds=grace)
    return json({"data": {**key, "secret": secret}}, 201, {"Location": f"/v1/keys/{key['id']}"})
