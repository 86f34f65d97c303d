"""Ingestion API webhooks (seed 003, issue 9): create, list, get and delete on the /v2/webhooks
registry, in seed 003's envelope and pagination (`page`, `limit`, `X-Pagination-*`)."""

from charter.http.context import current_actor
from charter.http.responses import ingestion_envelope
from charter.http.uow import read, transaction
from charter.webhooks import endpoints

# Seed 003's own example secret is `webhook-secret` (14 characters).
MIN_SECRET_LENGTH = 8


async def create_webhook(body):
    async with transaction() as session:
        endpoint, secret = await endpoints.create(
            session, current_actor(), body, min_secret_length=MIN_SECRET_LENGTH
        )
    response = ingestion_envelope({**endpoint, "secret": secret}, "Webhook created", 201)
    response.headers["Location"] = f"/api/v1/webhooks/{endpoint['id']}"
    return response


async def list_webhooks(page=1, limit=100):
    async with read() as session:
        found = await endpoints.list_endpoints(
            session, current_actor(), limit=limit, offset=(page - 1) * limit
        )
    pages = -(-found.total // limit)
    pagination = {"page": page, "limit": limit, "total": found.total, "pages": pages}
    response = ingestion_envelope(
        {"webhooks": found.items, "pagination": pagination}, "Webhooks retrieved"
    )
    for name, value in pagination.items():
        response.headers[f"X-Pagination-{name.title()}"] = str(value)
    return response


async def get_webhook(webhook_id):
    async with read() as session:
        endpoint = await endpoints.get(session, current_actor(), webhook_id)
    return ingestion_envelope(endpoint, "Webhook retrieved")


async def delete_webhook(webhook_id):
    async with transaction() as session:
        await endpoints.delete(session, current_actor(), webhook_id)
    return ingestion_envelope({"id": webhook_id, "deleted": True}, "Webhook deleted")
