"""How many transactions a request costs, counted by a SQLAlchemy engine listener, with the
credential already resolved (the key cache holds it for up to a second)."""

from __future__ import annotations

import uuid

import pytest

from charter.platform import crypto, runtime
from storage.models import IdempotencyRecord
from tests.factories import create_user


@pytest.fixture
def begins():
    """Every transaction begun on the database from now on, by any engine of this process."""
    seen: list[str] = []
    db = runtime.current().db
    listener = lambda conn: seen.append("begin")  # noqa: E731
    db.listen("begin", listener)
    yield seen
    db.unlisten("begin", listener)


def _warm(client, tenant) -> dict[str, str]:
    headers = {"X-API-Key": tenant.key}
    assert (
        client.get(f"/v1/organizations/{tenant.organization_id}", headers=headers).status_code
        == 200
    )
    return headers


def test_get_by_id_uses_one_transaction(client, make_tenant, begins):
    tenant = make_tenant(scopes=["admin"])
    user = create_user(tenant.organization_id)
    headers = _warm(client, tenant)
    begins.clear()
    response = client.get(f"/v1/users/{user.id}", headers=headers)
    assert response.status_code == 200
    assert len(begins) == 1


def test_idempotent_create_uses_two_transactions(client, make_tenant, begins):
    tenant = make_tenant(scopes=["admin"])
    headers = _warm(client, tenant)
    key = f"idem-{uuid.uuid4()}"
    body = {
        "username": f"u{uuid.uuid4().hex[:12]}",
        "email": f"{uuid.uuid4().hex[:12]}@example.com",
        "password": "a long enough password",
    }
    begins.clear()
    response = client.post("/v1/users", json=body, headers={**headers, "Idempotency-Key": key})
    assert response.status_code == 201
    # One to claim the key; one for the work and the stored response, committed together.
    assert len(begins) == 2
    with runtime.current().db.sync_transaction() as session:
        record = session.get(IdempotencyRecord, (f"api_key:{tenant.key_id}", key))
        assert record.state == "completed" and record.status_code == 201
        assert crypto.decrypt_bytes(record.response_body) == response.content  # encrypted
    begins.clear()
    replay = client.post("/v1/users", json=body, headers={**headers, "Idempotency-Key": key})
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    assert replay.content == response.content
    assert len(begins) == 1  # the claim finds the stored response
