"""Organizations end to end through the generated Python SDK, against a live server."""

from __future__ import annotations

from charter_v1_client import AuthenticatedClient
from charter_v1_client.api.organizations import (
    create_organization,
    delete_organization,
    get_organization,
    list_organizations,
    update_organization,
)
from charter_v1_client.models import (
    OrganizationCreate,
    OrganizationEnvelope,
    OrganizationPage,
    OrganizationPatch,
    PlanName,
    V1Error,
)


def test_organization_lifecycle_through_the_sdk(live_server, superuser):
    sdk = AuthenticatedClient(
        base_url=f"{live_server.url}/v1",
        token=superuser.key,
        prefix="",
        auth_header_name="X-API-Key",
    )
    created = create_organization.sync(
        client=sdk, body=OrganizationCreate(name="SDK Co", plan=PlanName.PRO)
    )
    assert isinstance(created, OrganizationEnvelope)
    org_id = created.data.id
    assert created.data.plan == "pro"

    fetched = get_organization.sync(client=sdk, organization_id=org_id)
    assert fetched.data.name == "SDK Co"

    updated = update_organization.sync(
        client=sdk, organization_id=org_id, body=OrganizationPatch(name="SDK Corp")
    )
    assert updated.data.name == "SDK Corp"

    page = list_organizations.sync(client=sdk, limit=100)
    assert isinstance(page, OrganizationPage)
    assert org_id in [o.id for o in page.data]

    deleted = delete_organization.sync_detailed(client=sdk, organization_id=org_id)
    assert deleted.status_code == 204
    missing = get_organization.sync(client=sdk, organization_id=org_id)
    assert isinstance(missing, V1Error)
    assert missing.error.code == "RESOURCE_NOT_FOUND"
