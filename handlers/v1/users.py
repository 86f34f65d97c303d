"""v1 users (seeds 002, 004): {"data": ...} envelopes, lists with total/limit/offset."""

from charter.http.context import current_actor
from charter.http.responses import batch_results, json, no_content, v1_page
from charter.http.uow import read, transaction
from charter.identity import users


async def list_users(
    limit=20,
    offset=0,
    email=None,
    username=None,
    role=None,
    status=None,
    sort="created_at",
    order="desc",
):
    async with read() as session:
        page = await users.get_all(
            session,
            current_actor(),
            limit=limit,
            offset=offset,
            email=email,
            username=username,
            role=role,
            status=status,
            sort=sort,
            order=order,
        )
    return v1_page(page)


async def create_user(body):
    async with transaction() as session:
        user = await users.create(session, current_actor(), body)
    return json({"data": user}, 201, {"Location": f"/v1/users/{user['id']}"})


async def create_users(body):
    async with transaction() as session:
        results = await users.batch_create(session, current_actor(), body["users"])
    items = batch_results(results, "v1", created_status=201)
    created = sum(1 for item in items if item["status"] == 201)
    return json({"data": items, "created": created, "failed": len(items) - created})


async def get_user(user_id):
    async with read() as session:
        user = await users.get(session, current_actor(), user_id)
    return json({"data": user})


async def replace_user(user_id, body):
    async with transaction() as session:
        user = await users.update(session, current_actor(), user_id, {"phone": None, **body})
    return json({"data": user})


async def update_user(user_id, body):
    async with transaction() as session:
        user = await users.update(session, current_actor(), user_id, body)
    return json({"data": user})


async def delete_user(user_id):
    async with transaction() as session:
        await users.delete(session, current_actor(), user_id)
    return no_content()


async def unlock_user(user_id):
    async with transaction() as session:
        user = await users.unlock(session, current_actor(), user_id)
    return json({"data": user})
