"""v1 organizations: resource in {"data": ...}, lists with total/limit/offset (seed 002)."""

from charter import organizations
from charter.context import current_actor
from handlers.common import json, no_content


def list_organizations(limit=20, offset=0):
    page = organizations.get_all(current_actor(), limit=limit, offset=offset)
    return json(
        {"data": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    )


def create_organization(body):
    org = organizations.create(current_actor(), name=body["name"], plan=body.get("plan", "free"))
    return json({"data": org}, 201, {"Location": f"/v1/organizations/{org['id']}"})


def get_organization(organization_id):
    return json({"data": organizations.get(current_actor(), organization_id)})


def replace_organization(organization_id, body):
    return json({"data": organizations.update(current_actor(), organization_id, body)})


def update_organization(organization_id, body):
    return json({"data": organizations.update(current_actor(), organization_id, body)})


def delete_organization(organization_id):
    organizations.delete(current_actor(), organization_id)
    return no_content()
