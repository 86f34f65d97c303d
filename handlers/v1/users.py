"""v1 users (seeds 002, 004): {"data": ...} envelopes, lists with total/limit/offset."""

from charter import users
from charter.context import current_actor
from charter.errors import CODES
from handlers.common import json, no_content


def list_users(limit=20, offset=0, email=None, username=None, role=None, status=None):
    page = users.get_all(
        current_actor(),
        limit=limit,
        offset=offset,
        email=email,
        username=username,
        role=role,
        status=status,
    )
    return json(
        {"data": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    )


def create_user(body):
    user = users.create(current_actor(), body)
    return json({"data": user}, 201, {"Location": f"/v1/users/{user['id']}"})


def create_users(body):
    results = users.batch_create(current_actor(), body["users"])
    for item in results:
        if "error" in item:
            error = item["error"]
            item["error"] = {
                "code": CODES["v1"].get(error.pop("kind"), "INTERNAL_ERROR"),
                "message": error["message"],
                "details": error["details"],
            }
    created = sum(1 for item in results if item["status"] == 201)
    return json({"data": results, "created": created, "failed": len(results) - created})


def get_user(user_id):
    return json({"data": users.get(current_actor(), user_id)})


def replace_user(user_id, body):
    changes = {"phone": None, **body}
    return json({"data": users.update(current_actor(), user_id, changes)})


def update_user(user_id, body):
    return json({"data": users.update(current_actor(), user_id, body)})


def delete_user(user_id):
    users.delete(current_actor(), user_id)
    return no_content()


def unlock_user(user_id):
    return json({"data": users.unlock(current_actor(), user_id)})
