"""Identity end to end through the generated SDKs: v2 login, refresh, logout and API keys, and
v1 users and audit, against a live server."""

from __future__ import annotations

import uuid

import pytest
from charter_v1_client import AuthenticatedClient as V1Client
from charter_v1_client.api.audit import list_audit_events
from charter_v1_client.api.users import create_user, get_user, list_users, update_user
from charter_v1_client.models import (
    AuditEventPage,
    UserCreate,
    UserEnvelope,
    UserPage,
    UserPatch,
    UserStatus,
)
from charter_v2_client import ApiError
from charter_v2_client import AuthenticatedClient as V2Client
from charter_v2_client import Client as V2Anonymous
from charter_v2_client.api.auth import create_api_key, log_in, log_out, refresh_session
from charter_v2_client.models import (
    ApiKeyRequest,
    CreatedApiKey,
    LoginRequest,
    RefreshRequest,
    Scope,
    TokenResponse,
    V2Error,
)


def test_identity_through_the_sdks(live_server, make_tenant):
    tenant = make_tenant(plan="unlimited", scopes=["admin"])
    admin = V1Client(
        base_url=f"{live_server.url}/v1", token=tenant.key, prefix="", auth_header_name="X-API-Key"
    )
    username = f"sdk.{uuid.uuid4().hex[:8]}"
    created = create_user.sync(
        client=admin,
        body=UserCreate(
            username=username, email=f"{username}@example.com", password="SecurePassword123!"
        ),
    )
    assert isinstance(created, UserEnvelope)
    user_id = created.data.id
    page = list_users.sync(client=admin, username=username)
    assert isinstance(page, UserPage) and [u.id for u in page.data] == [user_id]

    anonymous = V2Anonymous(base_url=f"{live_server.url}/v2")
    tokens = log_in.sync(
        client=anonymous, body=LoginRequest(username=username, password="SecurePassword123!")
    )
    assert (
        isinstance(tokens, TokenResponse)
        and tokens.token_type == "Bearer"
        and tokens.expires_in == 900
    )
    with pytest.raises(ApiError) as wrong:
        log_in.sync(
            client=anonymous, body=LoginRequest(username=username, password="not the password")
        )
    assert wrong.value.status_code == 401 and wrong.value.code == "INVALID_CREDENTIALS"
    assert isinstance(wrong.value.parsed, V2Error)

    renewed = refresh_session.sync(
        client=anonymous, body=RefreshRequest(refresh_token=tokens.refresh_token)
    )
    assert isinstance(renewed, TokenResponse) and renewed.refresh_token != tokens.refresh_token

    as_admin_v2 = V2Client(
        base_url=f"{live_server.url}/v2", token=tenant.key, prefix="", auth_header_name="X-API-Key"
    )
    key = create_api_key.sync(
        client=as_admin_v2,
        body=ApiKeyRequest(name="SDK", permissions=[Scope.READDATA], expires_in_days=30),
    )
    assert isinstance(key, CreatedApiKey) and key.api_key.startswith("sk_live_")

    session = V2Client(base_url=f"{live_server.url}/v2", token=renewed.access_token)
    assert log_out.sync_detailed(client=session).status_code == 204

    disabled = update_user.sync(
        client=admin, user_id=user_id, body=UserPatch(status=UserStatus.DISABLED)
    )
    assert disabled.data.status == "disabled"
    assert get_user.sync(client=admin, user_id=user_id).data.status == "disabled"
    trail = list_audit_events.sync(client=admin, resource_id=user_id, limit=100)
    assert isinstance(trail, AuditEventPage)
    assert sorted(e.action for e in trail.data) == sorted(
        [
            "user.created",
            "login.succeeded",
            "login.failed",
            "session.refreshed",
            "logout",
            "user.updated",
        ]
    )
