"""Idempotency-Key on POST (seed 002): replay, mismatch, in flight, concurrency."""

from __future__ import annotations

import asyncio
import threading
import uuid

import httpx

from charter.http import idempotency
from tests import db as testdb


def _count(client, headers):
    return client.get("/v1/organizations?limit=1", headers=headers).json()["total"]


def test_replay_returns_the_stored_response(client, superuser):
    key = str(uuid.uuid4())
    name = f"Once {key[:8]}"
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    first = client.post("/v1/organizations", json={"name": name}, headers=headers)
    before = _count(client, {"X-API-Key": superuser.key})
    second = client.post("/v1/organizations", json={"name": name}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert second.headers["location"] == first.headers["location"]
    assert "idempotent-replayed" not in first.headers
    assert _count(client, {"X-API-Key": superuser.key}) == before
    assert testdb.count_organizations(name) == 1


def test_x_idempotency_key_is_a_synonym(client, superuser):
    key = str(uuid.uuid4())
    name = f"Synonym {key[:8]}"
    headers = {"X-API-Key": superuser.key, "X-Idempotency-Key": key}
    first = client.post("/v1/organizations", json={"name": name}, headers=headers)
    second = client.post("/v1/organizations", json={"name": name}, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers["idempotent-replayed"] == "true"
    assert second.json()["data"]["id"] == first.json()["data"]["id"]
    assert testdb.count_organizations(name) == 1


def test_same_key_different_body_is_422(client, superuser):
    key = str(uuid.uuid4())
    first_name, other_name = f"First body {key[:8]}", f"Other body {key[:8]}"
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    first = client.post("/v1/organizations", json={"name": first_name}, headers=headers)
    assert first.status_code == 201
    # A different body, valid on its own, under the same key: refused, not created, not replayed.
    response = client.post(
        "/v1/organizations", json={"name": other_name, "plan": "pro"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert "idempotent-replayed" not in response.headers
    assert testdb.count_organizations(first_name) == 1
    assert testdb.count_organizations(other_name) == 0
    # The stored response is still what the original body replays.
    replay = client.post("/v1/organizations", json={"name": first_name}, headers=headers)
    assert replay.headers["idempotent-replayed"] == "true" and replay.json() == first.json()


def test_key_still_in_flight_is_409(client, superuser):
    key = str(uuid.uuid4())
    principal_scope = f"api_key:{superuser.key_id}"
    body = b'{"name": "In flight"}'
    fingerprint = idempotency.request_fingerprint("POST", "/v1/organizations", b"", body)
    assert (
        asyncio.run(idempotency.claim(principal_scope, key, fingerprint)) is None
    )  # another request holds it
    response = client.post(
        "/v1/organizations",
        content=body,
        headers={
            "X-API-Key": superuser.key,
            "Idempotency-Key": key,
            "Content-Type": "application/json",
        },
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "IDEMPOTENCY_KEY_IN_USE"
    assert testdb.count_organizations("In flight") == 0


def test_keys_are_scoped_to_the_caller(client, superuser, make_tenant):
    other = make_tenant(plan="unlimited", superuser=True)
    key = str(uuid.uuid4())
    name = f"Scoped {key[:8]}"
    a = client.post(
        "/v1/organizations",
        json={"name": name},
        headers={"X-API-Key": superuser.key, "Idempotency-Key": key},
    )
    b = client.post(
        "/v1/organizations",
        json={"name": name},
        headers={"X-API-Key": other.key, "Idempotency-Key": key},
    )
    assert a.status_code == b.status_code == 201
    assert a.json()["data"]["id"] != b.json()["data"]["id"]
    assert "idempotent-replayed" not in b.headers
    assert testdb.count_organizations(name) == 2


def test_failed_request_releases_the_key(client, superuser):
    key = str(uuid.uuid4())
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    bad = client.post("/v1/organizations", json={"name": ""}, headers=headers)
    assert bad.status_code == 400
    again = client.post("/v1/organizations", json={"name": ""}, headers=headers)
    assert again.status_code == 400 and "idempotent-replayed" not in again.headers
    # Released: the key now carries a different, valid body (no 422 IDEMPOTENCY_KEY_REUSED).
    name = f"Released {key[:8]}"
    good = client.post("/v1/organizations", json={"name": name}, headers=headers)
    assert good.status_code == 201 and "idempotent-replayed" not in good.headers
    assert testdb.count_organizations(name) == 1


def test_concurrent_requests_with_one_key_create_one_resource(live_server, superuser):
    key = str(uuid.uuid4())
    name = f"Concurrent {key[:8]}"
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    results: list[httpx.Response] = []
    barrier = threading.Barrier(8)

    def send():
        barrier.wait()
        results.append(
            httpx.post(
                f"{live_server.url}/v1/organizations",
                json={"name": name},
                headers=headers,
                timeout=30,
            )
        )

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in results)
    assert set(statuses) <= {201, 409}, statuses
    created_ids = {r.json()["data"]["id"] for r in results if r.status_code == 201}
    assert len(created_ids) == 1
    assert testdb.count_organizations(name) == 1


def test_a_failure_while_storing_the_response_is_rendered_and_frees_the_key(
    client, make_tenant, monkeypatch
):
    from charter.http import idempotency as store

    tenant = make_tenant(plan="enterprise", superuser=True)
    headers = {"X-API-Key": tenant.key, "Idempotency-Key": "store-fails-once"}
    original = store.complete

    async def failing(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "complete", failing)
    response = client.post("/v1/organizations", json={"name": "Never Stored"}, headers=headers)
    assert response.status_code == 500
    body = response.json()
    assert body["error"]["code"] == "INTERNAL_ERROR" and "disk full" not in response.text
    assert body["request_id"] == response.headers["x-request-id"]
    monkeypatch.setattr(store, "complete", original)
    listed = client.get("/v1/organizations?limit=100", headers={"X-API-Key": tenant.key}).json()
    assert "Never Stored" not in [o["name"] for o in listed["data"]]  # the work rolled back
    retry = client.post("/v1/organizations", json={"name": "Never Stored"}, headers=headers)
    assert retry.status_code == 201  # the key was released
