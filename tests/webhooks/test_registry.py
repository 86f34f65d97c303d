"""/v2/webhooks: registration (seed 000's body), the secret shown once and stored encrypted,
the event catalog, the outbound guard at registration, changes, deletion and tenancy."""

from __future__ import annotations

import pytest

from charter.platform import crypto, runtime
from charter.webhooks import catalog
from storage.models import WebhookEndpoint
from tests.factories import at_once
from tests.webhooks.conftest import Resolver, auth, create_record, deliver, register

SEED_000 = {
    "url": "https://your-server.com/webhook",
    "events": ["record.created", "record.updated", "record.deleted"],
    "collections": ["products", "orders"],
    "secret": "your_webhook_secret",
}


def _row(webhook_id: str) -> WebhookEndpoint:
    with runtime.current().db.sync_transaction() as session:
        return session.get(WebhookEndpoint, webhook_id)


def test_seed_000_registration_is_accepted_and_its_secret_stored_encrypted(
    client, tenant, guarded, monkeypatch
):
    Resolver(monkeypatch, {"your-server.com": []})  # does not resolve (yet): checked at delivery
    response = client.post("/v2/webhooks", json=SEED_000, headers=auth(tenant))
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["secret"] == "your_webhook_secret"
    assert created["id"].startswith("wh_")
    assert {k: created[k] for k in ("url", "events", "collections", "status")} == {
        "url": SEED_000["url"],
        "events": SEED_000["events"],
        "collections": SEED_000["collections"],
        "status": "enabled",
    }
    row = _row(created["id"])
    assert "your_webhook_secret" not in row.secret_enc
    assert crypto.decrypt(row.secret_enc) == "your_webhook_secret"
    again = client.get(f"/v2/webhooks/{created['id']}", headers=auth(tenant)).json()
    assert "secret" not in again and again["url"] == SEED_000["url"]
    listed = client.get("/v2/webhooks", headers=auth(tenant)).json()
    assert [w["id"] for w in listed["data"]] == [created["id"]]
    assert "secret" not in listed["data"][0]
    assert listed["pagination"] == {"total": 1, "limit": 20, "offset": 0, "has_more": False}


def test_a_secret_is_generated_when_none_is_given(client, tenant, receiver):
    created = register(client, tenant, receiver.url)
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 30
    assert crypto.decrypt(_row(created["id"]).secret_enc) == created["secret"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"events": ["record.created", "record.exploded"]}, "events"),
        ({"events": []}, "events"),
        ({"secret": "short"}, "secret"),
        ({"secret": "whsec_not base64 at all!!"}, "secret"),
        ({"url": "ftp://example.com/x"}, "url"),
        ({"collections": ["no spaces allowed"]}, "collections"),
    ],
)
def test_bad_registrations_are_400_naming_the_field(client, tenant, receiver, body, field):
    response = client.post(
        "/v2/webhooks",
        json={"url": receiver.url, "events": ["user.created"], **body},
        headers=auth(tenant),
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "INVALID_REQUEST"
    assert field in error["details"]["field"], error
    assert client.get("/v2/webhooks", headers=auth(tenant)).json()["data"] == []


def test_the_service_refuses_unknown_events_too(app):
    from charter.platform.errors import Malformed
    from charter.webhooks.endpoints import check_events

    with pytest.raises(Malformed) as raised:
        check_events(["user.created", "user.teleported"])
    assert raised.value.errors[0].field == "body.events.1"
    assert check_events(list(catalog.EVENTS)) == list(catalog.EVENTS)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/hook",
        "http://[::1]/hook",
        "http://loopback.example/hook",  # a name that resolves to 127.0.0.1
    ],
)
def test_internal_destinations_are_refused_at_registration(
    client, tenant, guarded, monkeypatch, url
):
    Resolver(monkeypatch, {"loopback.example": ["127.0.0.1"]})
    response = client.post(
        "/v2/webhooks", json={"url": url, "events": ["user.created"]}, headers=auth(tenant)
    )
    assert response.status_code == 400, response.text
    assert response.json()["error"]["details"]["field"] == "body.url"
    assert client.get("/v2/webhooks", headers=auth(tenant)).json()["data"] == []


def test_patch_changes_and_delete_removes(client, tenant, receiver):
    created = register(client, tenant, receiver.url, events=["record.created"])
    url = f"/v2/webhooks/{created['id']}"
    patched = client.patch(
        url,
        json={"events": ["user.created", "user.created"], "collections": ["orders"]},
        headers=auth(tenant),
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["events"] == ["user.created"]
    reread = client.get(url, headers=auth(tenant)).json()
    assert reread["events"] == ["user.created"] and reread["collections"] == ["orders"]
    disabled = client.patch(url, json={"status": "disabled"}, headers=auth(tenant)).json()
    assert disabled["status"] == "disabled" and disabled["disabled_reason"] == "manual"
    enabled = client.post(f"{url}/enable", headers=auth(tenant)).json()
    assert enabled["status"] == "enabled" and enabled["disabled_reason"] is None
    bad = client.patch(url, json={"events": ["nope.nope"]}, headers=auth(tenant))
    assert bad.status_code == 400
    assert client.get(url, headers=auth(tenant)).json()["events"] == ["user.created"]
    assert client.delete(url, headers=auth(tenant)).status_code == 204
    assert client.get(url, headers=auth(tenant)).status_code == 404
    assert _row(created["id"]) is None


def test_another_organizations_webhooks_are_404(client, tenant, make_tenant, receiver):
    created = register(client, tenant, receiver.url)
    other = make_tenant(plan="enterprise", scopes=["admin"])
    base = f"/v2/webhooks/{created['id']}"
    for method, path, body in [
        ("GET", base, None),
        ("PATCH", base, {"events": ["user.created"]}),
        ("DELETE", base, None),
        ("GET", f"{base}/deliveries", None),
        ("POST", f"{base}/ping", None),
        ("POST", f"{base}/enable", None),
        ("POST", f"{base}/rotate-secret", {}),
    ]:
        response = client.request(method, path, json=body, headers=auth(other))
        assert response.status_code == 404, (method, path, response.text)
    assert client.get("/v2/webhooks", headers=auth(other)).json()["data"] == []
    assert client.get(base, headers=auth(tenant)).json()["events"] == ["record.created"]


def test_scopes_read_and_write(client, tenant, receiver):
    from tests.factories import create_key

    created = register(client, tenant, receiver.url)
    reader, _ = create_key(tenant.organization_id, scopes=["webhooks:read"])
    assert client.get("/v2/webhooks", headers={"X-API-Key": reader}).status_code == 200
    response = client.delete(f"/v2/webhooks/{created['id']}", headers={"X-API-Key": reader})
    assert response.status_code == 403
    nobody, _ = create_key(tenant.organization_id, scopes=["read:data"])
    assert client.get("/v2/webhooks", headers={"X-API-Key": nobody}).status_code == 403


def test_the_spec_documents_one_payload_schema_per_catalogued_event(app):
    from charter.platform.spec import bundled_spec

    schemas = bundled_spec("v2")["components"]["schemas"]
    payload = schemas["WebhookDelivery"]["properties"]["payload"]["oneOf"]
    documented = [
        schemas[ref["$ref"].split("/")[-1]]["properties"]["event"]["enum"][0] for ref in payload
    ]
    assert documented == [*catalog.EVENTS, catalog.PING]
    enum = schemas["WebhookRequest"]["properties"]["events"]["items"]["enum"]
    assert enum == list(catalog.EVENTS)


def test_each_event_needs_the_scope_that_reads_it(client, tenant, receiver):
    """`webhooks:write` alone cannot subscribe to records or users: a key may only have sent to
    it what it could read itself (403 naming the event); what it may read is accepted."""
    from tests.factories import create_key

    writer, _ = create_key(tenant.organization_id, scopes=["webhooks:write", "users:read"])
    headers = {"X-API-Key": writer}
    for events, refused in [
        (["user.created", "record.created"], "record.created"),
        (["api_key.created"], "api_key.created"),
        (["collection.deleted"], "collection.deleted"),
    ]:
        body = {"url": receiver.url, "events": events}
        response = client.post("/v2/webhooks", json=body, headers=headers)
        assert response.status_code == 403, response.text
        assert refused in response.json()["error"]["message"]
    assert client.get("/v2/webhooks", headers=auth(tenant)).json()["pagination"]["total"] == 0
    body = {"url": receiver.url, "events": ["user.created", "user.deleted"]}
    created = client.post("/v2/webhooks", json=body, headers=headers)
    assert created.status_code == 201, created.text
    path = f"/v2/webhooks/{created.json()['id']}"
    changed = client.patch(path, json={"events": ["record.updated"]}, headers=headers)
    assert changed.status_code == 403 and "record.updated" in changed.text
    events = client.get(path, headers=auth(tenant)).json()["events"]
    assert events == ["user.created", "user.deleted"]


def test_the_delivery_log_leaves_out_payloads_the_caller_cannot_read(client, tenant, receiver):
    from tests.factories import create_key

    created = register(client, tenant, receiver.url, events=["record.created"])
    create_record(client, tenant, data={"secret_sauce": "ketchup"})
    deliver()
    reader, _ = create_key(tenant.organization_id, scopes=["webhooks:read"])
    path = f"/v2/webhooks/{created['id']}/deliveries"
    [hidden] = client.get(path, headers={"X-API-Key": reader}).json()["data"]
    assert hidden["event"] == "record.created" and "payload" not in hidden
    assert "ketchup" not in str(hidden)
    both, _ = create_key(tenant.organization_id, scopes=["webhooks:read", "read:data"])
    [shown] = client.get(path, headers={"X-API-Key": both}).json()["data"]
    assert shown["payload"]["data"]["changes"] or shown["payload"]["data"]
    assert "ketchup" in str(shown["payload"])


def test_every_event_family_has_a_catalogued_scope():
    from charter.platform.spec import scope_catalog

    scopes = set(scope_catalog())
    for name in [*catalog.EVENTS, catalog.PING]:
        assert catalog.scope_of(name) in scopes, name


def test_a_name_lookup_that_hangs_does_not_hold_registration(client, tenant, monkeypatch, guarded):
    """Accepted after the lookup's bound, like a name that does not resolve yet: it is checked
    again at every delivery."""
    import socket
    import time

    def hanging(*_args, **_kwargs):
        time.sleep(5)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    started = time.monotonic()
    created = register(client, tenant, "https://slow-dns.example/hook")
    assert time.monotonic() - started < 4
    assert created["url"] == "https://slow-dns.example/hook"


def test_a_slow_lookup_on_update_holds_no_other_writer(client, tenant, monkeypatch, guarded):
    """The URL's name lookup runs before the update's first statement: on SQLite a transaction
    holds the one write lock from its first statement, and a 2 s lookup inside it stalled every
    other write (found by the fuzzer's response-time check)."""
    import socket
    import time

    created = register(client, tenant, "https://slow-dns.example/hook")

    def hanging(*_args, **_kwargs):
        time.sleep(3)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)

    def timed(call):
        started = time.monotonic()
        response = call()
        return response, time.monotonic() - started

    def update():
        body = {"url": "https://slower-dns.example/hook"}
        return client.patch(f"/v2/webhooks/{created['id']}", json=body, headers=auth(tenant))

    def write_meanwhile():
        time.sleep(0.3)  # the update is waiting for its lookup by now
        return create_record(client, tenant)

    (updated, update_took), (record_id, write_took) = at_once(
        [lambda: timed(update), lambda: timed(write_meanwhile)]
    )
    assert updated.status_code == 200 and updated.json()["url"] == "https://slower-dns.example/hook"
    assert update_took >= 2  # it waited for the lookup's bound
    assert record_id and write_took < 1.5  # and no writer waited with it
