"""The webhook registry on /v1 (seeds 002 and 004) and /api/v1 (seed 003): the same endpoints,
delivery log and signatures as /v2, each surface in its own envelope."""

from __future__ import annotations

import pytest

from tests.webhooks.conftest import auth, create_record, deliver
from tests.webhooks.test_signatures import verify_signature


def _ingestion_ok(response, status=200, message=None):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is True
    assert set(body) == {"success", "data", "message", "timestamp", "request_id"}
    assert body["request_id"] == response.headers["x-request-id"]
    if message:
        assert body["message"] == message
    return body["data"]


# -- /api/v1 (seed 003) -------------------------------------------------------------------------


def test_seed_003_create_list_delete_as_written(client, tenant, receiver):
    """Seed 003's own body, `"secret": "webhook-secret"` included, then its list and delete."""
    body = {
        "url": receiver.url,
        "events": ["ingestion.completed", "ingestion.failed"],
        "secret": "webhook-secret",
    }
    created = client.post("/api/v1/webhooks", json=body, headers=auth(tenant))
    hook = _ingestion_ok(created, 201, "Webhook created")
    assert hook["secret"] == "webhook-secret"
    assert hook["events"] == body["events"] and hook["status"] == "enabled"
    assert created.headers["location"] == f"/api/v1/webhooks/{hook['id']}"

    listed = client.get("/api/v1/webhooks", headers=auth(tenant))
    page = _ingestion_ok(listed)
    assert [w["id"] for w in page["webhooks"]] == [hook["id"]]
    assert "secret" not in page["webhooks"][0]
    assert page["pagination"] == {"page": 1, "limit": 100, "total": 1, "pages": 1}
    assert listed.headers["x-pagination-total"] == "1"
    assert listed.headers["x-pagination-pages"] == "1"

    # One registry: /v2 and /v1 see the same endpoint.
    v2 = client.get(f"/v2/webhooks/{hook['id']}", headers=auth(tenant)).json()
    assert v2["url"] == receiver.url
    got = _ingestion_ok(client.get(f"/api/v1/webhooks/{hook['id']}", headers=auth(tenant)))
    assert got == v2

    deleted = client.delete(f"/api/v1/webhooks/{hook['id']}", headers=auth(tenant))
    assert _ingestion_ok(deleted, 200, "Webhook deleted") == {"id": hook["id"], "deleted": True}
    gone = client.get(f"/api/v1/webhooks/{hook['id']}", headers=auth(tenant))
    assert gone.status_code == 404
    assert gone.json()["success"] is False
    assert gone.json()["error"]["code"] == "NOT_FOUND"
    assert client.get(f"/v2/webhooks/{hook['id']}", headers=auth(tenant)).status_code == 404


def test_seed_003_secret_signs_deliveries(client, tenant, receiver):
    body = {"url": receiver.url, "events": ["record.created"], "secret": "webhook-secret"}
    created = client.post("/api/v1/webhooks", json=body, headers=auth(tenant))
    assert created.status_code == 201, created.text
    create_record(client, tenant)
    deliver()
    [got] = receiver.of("record.created")
    assert verify_signature(got.body.decode(), got.headers["x-charter-signature"], "webhook-secret")


def test_pages_follow_seed_003(client, tenant, receiver):
    ids = []
    for _ in range(3):
        response = client.post(
            "/api/v1/webhooks",
            json={"url": receiver.url, "events": ["record.created"]},
            headers=auth(tenant),
        )
        ids.append(_ingestion_ok(response, 201)["id"])
    second = client.get("/api/v1/webhooks?page=2&limit=2", headers=auth(tenant))
    page = _ingestion_ok(second)
    assert page["pagination"] == {"page": 2, "limit": 2, "total": 3, "pages": 2}
    assert [w["id"] for w in page["webhooks"]] == [ids[0]]  # newest first
    assert {k: second.headers[f"x-pagination-{k}"] for k in ("page", "limit")} == {
        "page": "2",
        "limit": "2",
    }
    beyond = _ingestion_ok(client.get("/api/v1/webhooks?page=9&limit=2", headers=auth(tenant)))
    assert beyond["webhooks"] == [] and beyond["pagination"]["total"] == 3


@pytest.mark.parametrize(
    "body, field, status",
    [
        ({"secret": "seven77"}, "secret", 400),  # against the spec
        ({"events": ["ingestion.exploded"]}, "events", 400),
        ({"url": "ftp://example.com/x"}, "url", 422),  # against a rule: 422 on this surface
        ({"url": "http://127.0.0.1:9/hook"}, "url", 422),
    ],
)
def test_bad_input_is_a_validation_error_naming_the_field(
    client, tenant, body, field, status, guarded
):
    full = {"url": "https://hooks.example.com/in", "events": ["ingestion.completed"], **body}
    response = client.post("/api/v1/webhooks", json=full, headers=auth(tenant))
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert field in str(error["details"]), error
    listed = client.get("/api/v1/webhooks", headers=auth(tenant)).json()["data"]
    assert listed["pagination"]["total"] == 0  # nothing was registered


def test_events_beyond_the_callers_scopes_are_refused(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["webhooks:write", "webhooks:read"])
    body = {"url": "https://hooks.example.com/in", "events": ["ingestion.completed"]}
    response = client.post("/api/v1/webhooks", json=body, headers=auth(tenant))
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "AUTHORIZATION_ERROR"
    assert "ingestion:read" in response.json()["error"]["message"]


# -- /v1 (seeds 002 and 004) --------------------------------------------------------------------


def test_v1_registry_delivery_log_and_lifecycle(client, tenant, receiver):
    body = {"url": receiver.url, "events": ["record.created"]}
    created = client.post("/v1/webhooks", json=body, headers=auth(tenant))
    assert created.status_code == 201, created.text
    hook = created.json()["data"]
    assert hook["secret"].startswith("whsec_")
    assert created.headers["location"] == f"/v1/webhooks/{hook['id']}"
    url = f"/v1/webhooks/{hook['id']}"

    listed = client.get("/v1/webhooks", headers=auth(tenant)).json()
    assert listed["total"] == 1 and listed["has_more"] is False
    assert [w["id"] for w in listed["data"]] == [hook["id"]]

    create_record(client, tenant)
    deliver()
    log = client.get(f"{url}/deliveries", headers=auth(tenant)).json()
    assert log["total"] == 1
    [delivery] = log["data"]
    assert delivery["status"] == "succeeded" and delivery["event"] == "record.created"
    again = client.post(f"{url}/deliveries/{delivery['id']}/redeliver", headers=auth(tenant))
    assert again.status_code == 202 and again.json()["data"]["id"] == delivery["id"]
    ping = client.post(f"{url}/ping", headers=auth(tenant))
    assert ping.status_code == 202 and ping.json()["data"]["event"] == "webhook.ping"
    deliver()
    assert len(receiver.of("webhook.ping")) == 1
    assert len(receiver.of("record.created")) == 2
    ids = {r.headers["webhook-id"] for r in receiver.of("record.created")}
    assert len(ids) == 1  # the redelivery kept its webhook-id

    patched = client.patch(url, json={"status": "disabled"}, headers=auth(tenant))
    assert patched.status_code == 200 and patched.json()["data"]["status"] == "disabled"
    enabled = client.post(f"{url}/enable", headers=auth(tenant))
    assert enabled.json()["data"]["status"] == "enabled"
    rotated = client.post(f"{url}/rotate-secret", json={"overlap_seconds": 0}, headers=auth(tenant))
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["data"]["secret"] not in (hook["secret"], None)

    assert client.delete(url, headers=auth(tenant)).status_code == 204
    gone = client.get(url, headers=auth(tenant))
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "RESOURCE_NOT_FOUND"  # seed 002's code


def test_v1_bad_registration_is_400_in_the_v1_envelope(client, tenant, receiver):
    body = {"url": receiver.url, "events": ["record.created"], "secret": "webhook-secret"}
    response = client.post("/v1/webhooks", json=body, headers=auth(tenant))
    assert response.status_code == 400, response.text  # 16 characters at least outside seed 003
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"  # v1's code for it
    assert "secret" in str(error), error
    assert client.get("/v1/webhooks", headers=auth(tenant)).json()["total"] == 0


@pytest.mark.parametrize("surface", ["/v1", "/v2"])
def test_rotation_without_a_body_generates_a_secret(client, tenant, receiver, surface):
    """No body and no Content-Type: the defaults (a generated secret, a day of overlap)."""
    hook = client.post(
        f"{surface}/webhooks",
        json={"url": receiver.url, "events": ["record.created"]},
        headers=auth(tenant),
    ).json()
    hook = hook.get("data", hook)
    response = client.post(f"{surface}/webhooks/{hook['id']}/rotate-secret", headers=auth(tenant))
    assert response.status_code == 200, response.text
    rotated = response.json().get("data", response.json())
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != hook["secret"]
    assert rotated["previous_secret_expires_at"] is not None
