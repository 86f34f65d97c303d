"""v1 organizations: resource in {"data": ...}, lists with total/limit/offset (seed 002)."""

from charter.http.context import current_actor
from charter.http.responses import json, no_content, v1_page
from charter.http.uow import read, transaction
from charter.identity import organizations


async def list_organizations(limit=20, offset=0, sort="created_at", order="desc"):
    async with read() as session:
        page = await organizations.get_all(
            session, current_actor(), limit=limit, offset=offset, sort=sort, order=order
        )
    return v1_page(page)


async def create_organization(body):
    async with transaction() as session:
        org = await organizations.create(
            session,
            current_actor(),
            name=body["name"],
            plan=body.get("plan", "free"),
            admin=body.get("admin"),
        )
    return json({"data": org}, 201, {"Location": f"/v1/organizations/{org['id']}"})


async def get_organization(organization_id):
    async with read() as session:
        org = await organizations.get(session, current_actor(), organization_id)
    return json({"data": org})


async def replace_organization(organization_id, body):
    async with transaction() as session:
        org = await organizations.update(session, current_actor(), organization_id, body)
    return json({"data": org})


async def update_organization(organization_id, body):
    async with transaction() as session:
        org = await organizations.update(session, current_actor(), organization_id, body)
    return json({"data": org})


async def delete_organization(organization_id):
    async with transaction() as session:
        await organizations.delete(session, current_actor(), organization_id)
    return no_content()
