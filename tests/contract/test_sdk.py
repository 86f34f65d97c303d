"""The generated Python SDKs against a live server: organizations end to end, `ApiError` on every
surface's errors, and each SDK README's example run as written."""

from __future__ import annotations

import asyncio
import contextlib
import io
import re

import httpx
import pytest
from charter_ingestion_client import ApiError as IngestionApiError
from charter_ingestion_client import Client as IngestionClient
from charter_ingestion_client.api.auth import log_in as ingestion_log_in
from charter_ingestion_client.models import IngestionError, IngestionLogin
from charter_oauth_client import ApiError as OAuthApiError
from charter_v1_client import ApiError, AuthenticatedClient
from charter_v1_client.api.organizations import (
    create_organization,
    delete_organization,
    get_organization,
    list_organizations,
    update_organization,
)
from charter_v1_client.api.users import get_user, list_users
from charter_v1_client.models import (
    CreatedOrganizationEnvelope,
    OrganizationCreate,
    OrganizationPage,
    OrganizationPatch,
    PlanName,
    V1Error,
)

from charter.tools import generate
from tests.factories import PASSWORD

REQUEST_ID = re.compile(r"^req_[0-9a-f]{16}$")


def v1_client(live_server, key: str, **kwargs) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=f"{live_server.url}/v1",
        token=key,
        prefix="",
        auth_header_name="X-API-Key",
        **kwargs,
    )


def test_organization_lifecycle_through_the_sdk(live_server, superuser):
    sdk = v1_client(live_server, superuser.key)
    created = create_organization.sync(
        client=sdk, body=OrganizationCreate(name="SDK Co", plan=PlanName.PRO)
    )
    assert isinstance(created, CreatedOrganizationEnvelope)
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

    assert delete_organization.sync(client=sdk, organization_id=org_id) is None
    with pytest.raises(ApiError) as raised:
        get_organization.sync(client=sdk, organization_id=org_id)
    assert (raised.value.status_code, raised.value.code) == (404, "RESOURCE_NOT_FOUND")


def test_sync_raises_api_error_with_the_surface_code_message_and_request_id(live_server, admin):
    sdk = v1_client(live_server, admin.key)
    with pytest.raises(ApiError) as raised:
        get_user.sync(client=sdk, user_id="usr_missing")
    error = raised.value
    assert error.status_code == 404
    assert error.code == "RESOURCE_NOT_FOUND"
    assert error.message == "User not found"
    assert REQUEST_ID.match(error.request_id)
    assert error.headers["x-request-id"] == error.request_id
    assert isinstance(error.parsed, V1Error) and error.parsed.error.code == "RESOURCE_NOT_FOUND"
    assert str(error) == f"404 RESOURCE_NOT_FOUND: User not found (request {error.request_id})"


def test_field_errors_arrive_as_details(live_server, admin):
    sdk = v1_client(live_server, admin.key)
    with pytest.raises(ApiError) as raised:
        list_users.sync(client=sdk, limit=500)
    assert (raised.value.status_code, raised.value.code) == (400, "VALIDATION_ERROR")
    assert [item["field"] for item in raised.value.details] == ["query.limit"]


def test_unauthenticated_calls_raise_too(live_server):
    with pytest.raises(ApiError) as raised:
        list_users.sync(client=v1_client(live_server, "sk_live_not_a_real_key"))
    assert (raised.value.status_code, raised.value.code) == (401, "AUTHENTICATION_FAILED")


def test_detailed_functions_return_the_error_model_instead_of_raising(live_server, admin):
    response = get_user.sync_detailed(client=v1_client(live_server, admin.key), user_id="usr_no")
    assert response.status_code == 404
    assert isinstance(response.parsed, V1Error)
    assert response.parsed.error.code == "RESOURCE_NOT_FOUND"


def test_asyncio_raises_like_sync(live_server, admin):
    sdk = v1_client(live_server, admin.key)

    async def call():
        return await get_user.asyncio(client=sdk, user_id="usr_missing")

    with pytest.raises(ApiError) as raised:
        asyncio.run(call())
    assert raised.value.code == "RESOURCE_NOT_FOUND"


def test_problem_details_are_read_too(live_server, admin):
    sdk = v1_client(live_server, admin.key, headers={"Accept": "application/problem+json"})
    with pytest.raises(ApiError) as raised:
        get_user.sync(client=sdk, user_id="usr_missing")
    assert raised.value.code == "RESOURCE_NOT_FOUND"
    assert raised.value.message == "User not found"
    assert REQUEST_ID.match(raised.value.request_id)


def test_the_ingestion_envelope_is_read(live_server):
    sdk = IngestionClient(base_url=f"{live_server.url}/api/v1")
    with pytest.raises(IngestionApiError) as raised:
        ingestion_log_in.sync(
            client=sdk, body=IngestionLogin(username="nobody.here", password="wrong password")
        )
    assert (raised.value.status_code, raised.value.code) == (401, "AUTHENTICATION_ERROR")
    assert REQUEST_ID.match(raised.value.request_id)
    assert isinstance(raised.value.parsed, IngestionError)


def test_the_oauth_envelope_is_read(client):
    answer = client.get("/oauth/no-such-endpoint")
    error = OAuthApiError.from_response(answer)
    assert (error.status_code, error.code) == (404, "not_found")
    assert error.message == answer.json()["error_description"]
    assert error.request_id == answer.headers["X-Request-Id"]


def test_a_body_that_is_no_envelope_still_raises_cleanly():
    proxy_page = httpx.Response(502, text="<html>Bad gateway</html>")
    error = ApiError.from_response(proxy_page, parse=lambda: V1Error.from_dict(proxy_page.json()))
    assert (error.status_code, error.code, error.message) == (502, None, "Bad Gateway")
    assert error.parsed is None and error.request_id is None


def _readme_example(surface: str) -> str:
    readme = (generate.python_project_dir(surface) / "README.md").read_text()
    return re.search(r"```python\n(.*?)```", readme, re.S).group(1)


@pytest.mark.parametrize("surface", ["v1", "v2", "ingestion", "oauth"])
def test_each_readme_example_runs_as_written(live_server, admin, surface):
    admin_username = get_user.sync(
        client=v1_client(live_server, admin.key), user_id=admin.user_id
    ).data.username
    code = (
        _readme_example(surface)
        .replace("http://127.0.0.1:8000", live_server.url)
        .replace("sk_live_...", admin.key)
        .replace('username="admin"', f'username="{admin_username}"')
        .replace("a long password", PASSWORD)
    )
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, f"{surface}/README.md", "exec"), {})  # noqa: S102
    if surface == "v1":
        assert admin_username in printed.getvalue()
        assert "404 RESOURCE_NOT_FOUND User not found req_" in printed.getvalue()
    if surface == "oauth":
        assert printed.getvalue().strip().startswith("http")
