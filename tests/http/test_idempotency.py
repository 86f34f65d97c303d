"""Idempotency-Key on POST (seed 002): replay, mismatch, in flight, concurrency."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid

import httpx

from charter.http import idempotency
from charter.platform.clock import utcnow
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
    # Another request holds it (for 60 s).
    assert asyncio.run(idempotency.claim(principal_scope, key, fingerprint, 60)) is None
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


def test_a_claim_left_by_a_crash_expires_with_its_lease(client, superuser):
    """kill -9 mid-request leaves an in-flight claim and no work: once its lease (the operation's
    timeout plus a minute) has passed, a retry runs instead of answering 409 for a day."""
    key = str(uuid.uuid4())
    name = f"Crashed {key[:8]}"
    body = json.dumps({"name": name}).encode()
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    headers["Content-Type"] = "application/json"
    owner = f"api_key:{superuser.key_id}"
    fingerprint = idempotency.request_fingerprint("POST", "/v1/organizations", b"", body)
    assert asyncio.run(idempotency.claim(owner, key, fingerprint, 90)) is None  # then: crash
    assert client.post("/v1/organizations", content=body, headers=headers).status_code == 409
    lease = testdb.idempotency_record(owner, key).expires_at - utcnow()
    assert 80 < lease.total_seconds() <= 90
    testdb.age_idempotency_record(owner, key, seconds=91)  # the lease runs out
    retried = client.post("/v1/organizations", content=body, headers=headers)
    assert retried.status_code == 201
    assert testdb.count_organizations(name) == 1
    replay = client.post("/v1/organizations", content=body, headers=headers)
    assert replay.headers["idempotent-replayed"] == "true"  # completed: kept for 24 hours
    kept = testdb.idempotency_record(owner, key).expires_at - utcnow()
    assert kept.total_seconds() > 23 * 3600


def test_the_stage_leases_a_claim_for_the_operation_timeout_and_a_minute(
    client, superuser, monkeypatch
):
    from charter.platform import runtime

    seen = []
    real_claim = idempotency.claim

    async def spy(owner, key, fingerprint, lease_seconds):
        seen.append(lease_seconds)
        return await real_claim(owner, key, fingerprint, lease_seconds)

    monkeypatch.setattr(idempotency, "claim", spy)
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": str(uuid.uuid4())}
    client.post("/v1/organizations", json={"name": "Leased"}, headers=headers)
    timeout = runtime.current().settings.timeout_standard
    assert len(seen) == 1
    assert timeout + 59 < seen[0] <= timeout + idempotency.LEASE_MARGIN_SECONDS


def test_stored_responses_are_encrypted_at_rest(client, superuser):
    key = str(uuid.uuid4())
    name = f"Secretive {key[:8]}"
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    first = client.post("/v1/organizations", json={"name": name}, headers=headers)
    assert first.status_code == 201
    stored = testdb.idempotency_record(f"api_key:{superuser.key_id}", key)
    assert stored.response_body and name.encode() not in stored.response_body
    replay = client.post("/v1/organizations", json={"name": name}, headers=headers)
    assert replay.json() == first.json()


def test_credentials_are_never_stored_or_replayed(client, superuser):
    key = str(uuid.uuid4())
    headers = {"X-API-Key": superuser.key, "Idempotency-Key": key}
    body = {"name": f"once-{key[:8]}", "scopes": ["users:read"]}
    first = client.post("/v1/keys", json=body, headers=headers)
    assert first.status_code == 201
    secret = first.json()["data"]["secret"]
    stored = testdb.idempotency_record(f"api_key:{superuser.key_id}", key)
    assert stored.state == "completed" and stored.response_body is None
    again = client.post("/v1/keys", json=body, headers=headers)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "IDEMPOTENCY_KEY_IN_USE"
    assert secret not in again.text
    listed = client.get("/v1/keys?limit=100", headers={"X-API-Key": superuser.key}).json()
    assert [k["name"] for k in listed["data"]].count(body["name"]) == 1


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


def test_a_replay_sent_as_soon_as_the_answer_arrives_is_replayed(live_server, superuser):
    """The work and its stored answer commit before the first byte goes out, so a client that
    retries the moment it has the answer always gets the replay, never 409 (issue 7: 1 in 5)."""
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        for attempt in range(15):
            headers = {"X-API-Key": superuser.key, "Idempotency-Key": str(uuid.uuid4())}
            body = {"name": f"Race {attempt} {headers['Idempotency-Key'][:8]}"}
            first = http.post("/v1/organizations", json=body, headers=headers)
            again = http.post("/v1/organizations", json=body, headers=headers)
            assert first.status_code == 201, first.text
            assert again.status_code == 201, (attempt, again.text)
            assert again.headers["idempotent-replayed"] == "true"
            assert again.json() == first.json()
