"""Client registration on /v1/oauth/clients: create (secret once, hashed), list, get, change,
delete, secret rotation with an overlap, tenancy and scopes."""

from __future__ import annotations

from sqlalchemy import select

from charter.platform import runtime
from storage.models import OAuthClient, OutboxEvent

BODY = {
    "name": "Dashboard",
    "redirect_uris": ["https://app.example.com/callback"],
    "scopes": ["openid", "users:read"],
}


def _create(client, key, **changes):
    response = client.post(
        "/v1/oauth/clients", json={**BODY, **changes}, headers={"X-API-Key": key}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_create_returns_seed_004_fields_and_stores_only_a_keyed_hash(client, admin):
    body = _create(client, admin.key, redirect_uri="https://app.example.com/other")
    data = body["data"]
    assert body["client_id"] == data["id"] == data["client_id"]
    assert (
        body["client_secret"].startswith("cs_") and body["client_secret"] == data["client_secret"]
    )
    assert body["redirect_uri"] == "https://app.example.com/other"
    assert data["redirect_uris"] == ["https://app.example.com/other", *BODY["redirect_uris"]]
    assert data["grant_types"] == ["authorization_code", "refresh_token"]
    assert data["secret_last4"] == body["client_secret"][-4:]
    with runtime.current().db.sync_transaction() as session:
        row = session.get(OAuthClient, data["id"])
        assert row.secret_hash and body["client_secret"] not in row.secret_hash
        assert len(row.secret_hash) == 64
        events = session.scalars(
            select(OutboxEvent).where(OutboxEvent.event_type == "oauth.client.created")
        ).all()
        assert any(e.payload["client_id"] == data["id"] for e in events)
    got = client.get(f"/v1/oauth/clients/{data['id']}", headers={"X-API-Key": admin.key})
    assert got.status_code == 200 and "client_secret" not in got.json()["data"]


def test_public_client_has_no_secret_and_no_client_credentials(client, admin):
    body = _create(client, admin.key, client_type="public")
    assert body["client_secret"] is None and body["data"]["secret_last4"] is None
    response = client.post(
        "/v1/oauth/clients",
        json={**BODY, "client_type": "public", "grant_types": ["client_credentials"]},
        headers={"X-API-Key": admin.key},
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "body.grant_types"


def test_bad_redirect_uris_and_scopes_are_refused_naming_the_field(client, admin):
    cases = [
        ({"redirect_uris": ["http://app.example.com/cb"]}, 422, "body.redirect_uris.0"),
        ({"redirect_uris": ["https://app.example.com/cb#x"]}, 422, "body.redirect_uris.0"),
        ({"redirect_uris": ["not a url at all"]}, 422, "body.redirect_uris.0"),
        ({"scopes": ["openid", "nope:nope"]}, 400, "body.scopes.1"),
        ({"redirect_uris": [], "grant_types": ["authorization_code"]}, 422, "body.redirect_uris"),
    ]
    for changes, status, field in cases:
        response = client.post(
            "/v1/oauth/clients", json={**BODY, **changes}, headers={"X-API-Key": admin.key}
        )
        assert response.status_code == status, (changes, response.text)
        assert response.json()["error"]["details"][0]["field"] == field, changes
    loopback = _create(client, admin.key, redirect_uris=["http://127.0.0.1:8765/cb"])
    assert loopback["data"]["redirect_uris"] == ["http://127.0.0.1:8765/cb"]


def test_list_update_rotate_delete(client, admin, clock):
    headers = {"X-API-Key": admin.key}
    body = _create(client, admin.key, name="Rotating")
    client_id, first = body["client_id"], body["client_secret"]
    listed = client.get("/v1/oauth/clients?limit=100", headers=headers).json()
    assert client_id in [c["id"] for c in listed["data"]]
    changed = client.patch(
        f"/v1/oauth/clients/{client_id}", json={"name": "Renamed"}, headers=headers
    )
    assert changed.status_code == 200 and changed.json()["data"]["name"] == "Renamed"
    rotated = client.post(
        f"/v1/oauth/clients/{client_id}/secret", json={"overlap_seconds": 60}, headers=headers
    )
    assert rotated.status_code == 201, rotated.text
    second = rotated.json()["client_secret"]
    assert second != first and rotated.json()["data"]["previous_secret_expires_at"]
    from charter.oauth.clients import secret_matches

    with runtime.current().db.sync_transaction() as session:
        row = session.get(OAuthClient, client_id)
        assert secret_matches(row, first) and secret_matches(row, second)
        clock.advance(61)
        assert not secret_matches(row, first) and secret_matches(row, second)
        assert not secret_matches(row, "cs_wrong")
    deleted = client.delete(f"/v1/oauth/clients/{client_id}", headers=headers)
    assert deleted.status_code == 204
    assert client.get(f"/v1/oauth/clients/{client_id}", headers=headers).status_code == 404


def test_another_organization_sees_404_and_scopes_are_enforced(client, admin, make_tenant):
    from tests.factories import create_key

    body = _create(client, admin.key)
    other = make_tenant(plan="enterprise", scopes=["admin"])
    for method in ("GET", "PATCH", "DELETE"):
        response = client.request(
            method,
            f"/v1/oauth/clients/{body['client_id']}",
            json={"name": "x"} if method == "PATCH" else None,
            headers={"X-API-Key": other.key},
        )
        assert response.status_code == 404, method
    reader, _ = create_key(admin.organization_id, scopes=["users:read"])
    response = client.get("/v1/oauth/clients", headers={"X-API-Key": reader})
    assert response.status_code == 403


def test_answers_that_carry_a_secret_are_not_stored(client, admin):
    """RFC 6749 5.1's rule for credentials in a response: the secret shown once stays out of
    every cache, at creation and at rotation; the answers without it are cacheable as before."""
    created = client.post("/v1/oauth/clients", json=BODY, headers={"X-API-Key": admin.key})
    assert created.status_code == 201, created.text
    client_id = created.json()["client_id"]
    rotated = client.post(
        f"/v1/oauth/clients/{client_id}/secret", json={}, headers={"X-API-Key": admin.key}
    )
    assert rotated.status_code == 201, rotated.text
    for answer in (created, rotated):
        assert answer.json()["client_secret"]
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["pragma"] == "no-cache"
    shown = client.get(f"/v1/oauth/clients/{client_id}", headers={"X-API-Key": admin.key})
    assert "client_secret" not in shown.json()["data"]
