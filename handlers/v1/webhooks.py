"""v1 webhooks (seeds 002 and 004, issue 9): the /v2 registry, delivery log, redelivery, ping,
re-enabling and secret rotation, answered in the v1 envelope."""

from charter.http.context import current_actor
from charter.http.responses import json, no_content, v1_page
from charter.http.uow import read, transaction
from charter.webhooks import deliveries, endpoints


async def create_webhook(body):
    async with transaction() as session:
        endpoint, secret = await endpoints.create(session, current_actor(), body)
    location = {"Location": f"/v1/webhooks/{endpoint['id']}"}
    return json({"data": {**endpoint, "secret": secret}}, 201, location)


async def list_webhooks(limit=20, offset=0):
    async with read() as session:
        page = await endpoints.list_endpoints(session, current_actor(), limit=limit, offset=offset)
    return v1_page(page)


async def get_webhook(webhook_id):
    async with read() as session:
        return json({"data": await endpoints.get(session, current_actor(), webhook_id)})


async def update_webhook(webhook_id, body):
    async with transaction() as session:
        return json({"data": await endpoints.update(session, current_actor(), webhook_id, body)})


async def delete_webhook(webhook_id):
    async with transaction() as session:
        await endpoints.delete(session, current_actor(), webhook_id)
    return no_content()


async def enable_webhook(webhook_id):
    async with transaction() as session:
        return json({"data": await endpoints.enable(session, current_actor(), webhook_id)})


async def rotate_webhook_secret(webhook_id, body=None):
    # Without a body (or a content type) Connexion hands over the schema's default as bytes.
    body = body if isinstance(body, dict) else {}
    async with transaction() as session:
        endpoint, secret = await endpoints.rotate_secret(
            session,
            current_actor(),
            webhook_id,
            secret=body.get("secret"),
            overlap_seconds=body.get("overlap_seconds", endpoints.DEFAULT_OVERLAP),
        )
    return json({"data": {**endpoint, "secret": secret}})


async def ping_webhook(webhook_id):
    async with transaction() as session:
        return json({"data": await deliveries.ping(session, current_actor(), webhook_id)}, 202)


async def list_webhook_deliveries(webhook_id, status=None, limit=20, offset=0):
    async with read() as session:
        page = await deliveries.list_deliveries(
            session, current_actor(), webhook_id, status=status, limit=limit, offset=offset
        )
    return v1_page(page)


async def redeliver_webhook_delivery(webhook_id, delivery_id):
    async with transaction() as session:
        delivery = await deliveries.redeliver(session, current_actor(), webhook_id, delivery_id)
    return json({"data": delivery}, 202)
