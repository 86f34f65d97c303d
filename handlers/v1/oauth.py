"""v1 OAuth client registration (admin, seed 004) and a user's authorized applications."""

from charter.http.context import current_actor
from charter.http.responses import json, no_content, v1_page
from charter.http.uow import read, transaction
from charter.oauth import clients, grants

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _with_secret(client, secret, status=201):
    body = {
        "data": {**client, "client_secret": secret},
        "client_id": client["client_id"],
        "client_secret": secret,
        "redirect_uri": client["redirect_uri"],
    }
    # The secret is shown once: no cache may keep it (RFC 6749 5.1's rule for credentials).
    headers = {"Location": f"/v1/oauth/clients/{client['id']}", **NO_STORE}
    return json(body, status, headers)


async def list_oauth_clients(limit=20, offset=0):
    async with read() as session:
        page = await clients.get_all(session, current_actor(), limit=limit, offset=offset)
    return v1_page(page)


async def create_oauth_client(body):
    async with transaction() as session:
        client, secret = await clients.create(session, current_actor(), **body)
    return _with_secret(client, secret)


async def get_oauth_client(client_id):
    async with read() as session:
        client = await clients.get(session, current_actor(), client_id)
    return json({"data": client})


async def update_oauth_client(client_id, body):
    async with transaction() as session:
        client = await clients.update(session, current_actor(), client_id, body)
    return json({"data": client})


async def delete_oauth_client(client_id):
    async with transaction() as session:
        await clients.delete(session, current_actor(), client_id)
    return no_content()


async def rotate_oauth_client_secret(client_id, body=None):
    # Without a body (or a content type) Connexion hands over raw bytes: use the defaults.
    overlap = body.get("overlap_seconds", 0) if isinstance(body, dict) else 0
    async with transaction() as session:
        client, secret = await clients.rotate_secret(
            session, current_actor(), client_id, overlap_seconds=overlap
        )
    return _with_secret(client, secret)


async def list_oauth_grants(limit=20, offset=0):
    async with read() as session:
        page = await grants.get_all(session, current_actor(), limit=limit, offset=offset)
    return v1_page(page)


async def revoke_oauth_grant(client_id):
    async with transaction() as session:
        await grants.revoke(session, current_actor(), client_id)
    return no_content()
