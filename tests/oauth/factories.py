"""OAuth rows for tests that need one to exist (the tenancy and header walks), written through
the synchronous engine."""

from __future__ import annotations

from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from storage.models import OAuthClient


def create_oauth_client(organization_id: str, *, livemode: bool = True) -> dict[str, str]:
    """A confidential client without a usable secret; {"client_id": ...}."""
    now = utcnow()
    client = OAuthClient(
        id=new_id("cli"),
        organization_id=organization_id,
        livemode=livemode,
        name="Factory app",
        client_type="confidential",
        redirect_uris=["https://app.example.com/cb"],
        grant_types=["authorization_code", "refresh_token", "client_credentials"],
        scopes=["openid", "users:read"],
        secret_hash="0" * 64,
        secret_last4="0000",
        created_at=now,
        updated_at=now,
    )
    with runtime.current().db.sync_transaction() as session:
        session.add(client)
    return {"client_id": client.id}
