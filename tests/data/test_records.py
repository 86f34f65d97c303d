"""/v2/data (seed 000's data operations): records as documented, versions with ETag/If-Match,
TTL, tenancy, scopes and the events every write announces."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests import db as testdb
from tests.factories import create_key

SEED_BODY = {
    "data": {"name": "Widget Pro", "price": 29.99, "category": "electronics", "in_stock": True},
    "metadata": {"tags": ["featured", "new"], "source": "import_batch_001"},
}


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def collection():
    return f"products_{uuid.uuid4().hex[:8]}"


def _h(tenant, **extra):
    return {"X-API-Key": tenant.key, **extra}


def _create(client, tenant, collection, body=SEED_BODY):
    response = client.post(f"/v2/data/{collection}", headers=_h(tenant), json=body)
    assert response.status_code == 201, response.text
    return response


def test_seed_000_create_and_get(client, tenant, collection):
    created = _create(client, tenant, collection)
    record = created.json()
    assert set(record) == {"id", "collection", "data", "metadata", "created_at", "updated_at"}
    assert record["id"].startswith("rec_") and record["collection"] == collection
    assert record["data"] == SEED_BODY["data"] and record["metadata"] == SEED_BODY["metadata"]
    assert record["created_at"] == record["updated_at"] and record["created_at"].endswith("Z")
    assert created.headers["location"] == f"/v2/data/{collection}/{record['id']}"
    got = client.get(f"/v2/data/{collection}/{record['id']}", headers=_h(tenant))
    assert got.status_code == 200 and got.json() == record
    assert got.headers["etag"] == created.headers["etag"]


def test_put_replaces_and_patch_merges(client, tenant, collection):
    record = _create(client, tenant, collection).json()
    path = f"/v2/data/{collection}/{record['id']}"
    replaced = client.put(path, headers=_h(tenant), json={"data": {"name": "Widget"}})
    assert replaced.status_code == 200
    assert replaced.json()["data"] == {"name": "Widget"} and replaced.json()["metadata"] == {}
    patch = {"data": {"price": 24.99, "name": None}, "metadata": {"tags": ["sale"]}}
    patched = client.patch(path, headers=_h(tenant), json=patch)
    assert patched.status_code == 200
    assert patched.json()["data"] == {"price": 24.99}
    assert patched.json()["metadata"] == {"tags": ["sale"]}
    merge = client.patch(
        path,
        headers=_h(tenant, **{"Content-Type": "application/merge-patch+json"}),
        content=b'{"data": {"stock": {"warehouse": 3}}}',
    )
    assert merge.status_code == 200
    assert merge.json()["data"] == {"price": 24.99, "stock": {"warehouse": 3}}


def test_if_match_refuses_a_stale_write(client, tenant, collection):
    created = _create(client, tenant, collection)
    path = f"/v2/data/{collection}/{created.json()['id']}"
    first_tag = created.headers["etag"]
    updated = client.patch(
        path, headers=_h(tenant, **{"If-Match": first_tag}), json={"data": {"price": 1}}
    )
    assert updated.status_code == 200 and updated.headers["etag"] != first_tag
    stale = client.put(
        path, headers=_h(tenant, **{"If-Match": first_tag}), json={"data": {"lost": True}}
    )
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "PRECONDITION_FAILED"
    assert client.get(path, headers=_h(tenant)).json()["data"]["price"] == 1
    refused = client.delete(path, headers=_h(tenant, **{"If-Match": first_tag}))
    assert refused.status_code == 412
    current = client.get(path, headers=_h(tenant)).headers["etag"]
    assert client.delete(path, headers=_h(tenant, **{"If-Match": current})).status_code == 204
    assert client.get(path, headers=_h(tenant)).status_code == 404
    assert client.delete(path, headers=_h(tenant)).status_code == 404


def test_an_expired_record_is_invisible_at_once_and_purged_later(client, tenant, collection, clock):
    from charter.worker import maintenance

    record = _create(client, tenant, collection, {"data": {"n": 1}, "ttl": 60}).json()
    assert record["expires_at"] > record["created_at"]
    path = f"/v2/data/{collection}/{record['id']}"
    clock.advance(61)
    assert client.get(path, headers=_h(tenant)).status_code == 404
    listed = client.get(f"/v2/data/{collection}", headers=_h(tenant)).json()
    assert listed["data"] == [] and listed["pagination"]["total"] == 0
    assert asyncio.run(maintenance.run_once())["expired_records_deleted"] >= 1
    with testdb.transaction() as session:
        deleted = [
            e.payload
            for e in testdb.list_outbox(session, event_type="record.deleted")
            if e.payload["record_id"] == record["id"]
        ]
    assert deleted == [
        {"collection": collection, "record_id": record["id"], "changes": {}, "reason": "expired"}
    ]


def test_writes_announce_their_changes(client, tenant, collection):
    record = _create(client, tenant, collection).json()
    path = f"/v2/data/{collection}/{record['id']}"
    client.patch(path, headers=_h(tenant), json={"data": {"price": 19.99}})
    client.delete(path, headers=_h(tenant))
    with testdb.transaction() as session:
        events = [
            (e.event_type, e.payload["changes"])
            for e in testdb.list_outbox(session)
            if e.payload.get("record_id") == record["id"]
        ]
    assert events == [
        ("record.created", SEED_BODY["data"]),
        ("record.updated", {"price": 19.99}),
        ("record.deleted", {}),
    ]


def test_records_stay_in_their_tenant_and_mode(client, tenant, collection, make_tenant):
    record = _create(client, tenant, collection).json()
    other = make_tenant(plan="enterprise", scopes=["admin"])
    path = f"/v2/data/{collection}/{record['id']}"
    assert client.get(path, headers=_h(other)).status_code == 404
    assert client.delete(path, headers=_h(other)).status_code == 404
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    assert client.get(path, headers={"X-API-Key": sandbox}).status_code == 404
    listed = client.get(f"/v2/data/{collection}", headers={"X-API-Key": sandbox}).json()
    assert listed["pagination"]["total"] == 0
    assert client.get(path, headers=_h(tenant)).status_code == 200


def test_scopes_read_and_write_data(client, tenant, collection):
    record = _create(client, tenant, collection).json()
    reader, _ = create_key(tenant.organization_id, scopes=["read:data"])
    assert client.get(f"/v2/data/{collection}", headers={"X-API-Key": reader}).status_code == 200
    refused = client.post(f"/v2/data/{collection}", headers={"X-API-Key": reader}, json=SEED_BODY)
    assert refused.status_code == 403
    writer, _ = create_key(tenant.organization_id, scopes=["write:data"])
    path = f"/v2/data/{collection}/{record['id']}"
    assert client.get(path, headers={"X-API-Key": writer}).status_code == 403
    assert client.delete(path, headers={"X-API-Key": writer}).status_code == 204


def test_query_filters_sorts_projects_and_pages(client, tenant, collection):
    items = [
        {"name": "Widget Pro", "price": 29.99, "category": "electronics", "status": "active"},
        {"name": "Gadget", "price": 5, "category": "gadgets", "status": "active"},
        {"name": "Book", "price": 12, "category": "books", "status": "active"},
        {"name": "Widget Mini", "price": 15, "category": "electronics", "status": "draft"},
    ]
    for data in items:
        _create(client, tenant, collection, {"data": data})
    seed_filter = "status:eq:active;price:gt:10;category:in:electronics,gadgets"
    found = client.get(
        f"/v2/data/{collection}", headers=_h(tenant), params={"filter": seed_filter}
    ).json()
    assert [r["data"]["name"] for r in found["data"]] == ["Widget Pro"]
    page = client.get(
        f"/v2/data/{collection}",
        headers=_h(tenant),
        params={"sort": "price", "order": "asc", "limit": 3, "fields": "name"},
    ).json()
    assert [r["data"] for r in page["data"]] == [
        {"name": "Gadget"},
        {"name": "Book"},
        {"name": "Widget Mini"},
    ]
    assert page["pagination"] == {
        "total": 4,
        "limit": 3,
        "offset": 0,
        "has_more": True,
        "next_cursor": page["pagination"]["next_cursor"],
    }
    assert page["pagination"]["next_cursor"]
    assert set(page["data"][0]) >= {"id", "collection", "created_at", "updated_at"}
    widgets = client.get(
        f"/v2/data/{collection}", headers=_h(tenant), params={"filter": "name:contains:widget"}
    ).json()
    assert sorted(r["data"]["name"] for r in widgets["data"]) == ["Widget Mini", "Widget Pro"]


@pytest.mark.parametrize(
    "params",
    [{"filter": "price:between:1"}, {"filter": "price"}, {"sort": "bad name!"}],
)
def test_a_bad_query_is_400_naming_the_parameter(client, tenant, collection, params):
    response = client.get(f"/v2/data/{collection}", headers=_h(tenant), params=params)
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "INVALID_REQUEST"
    assert body["details"]["field"] == f"query.{next(iter(params))}"


def test_bad_collection_names_and_bodies_change_nothing(client, tenant, collection):
    assert client.post("/v2/data/9bad", headers=_h(tenant), json=SEED_BODY).status_code == 400
    bad_ttl = client.post(f"/v2/data/{collection}", headers=_h(tenant), json={"data": {}, "ttl": 0})
    assert bad_ttl.status_code == 400
    not_object = client.post(f"/v2/data/{collection}", headers=_h(tenant), json={"data": [1]})
    assert not_object.status_code == 400
    listed = client.get(f"/v2/data/{collection}", headers=_h(tenant)).json()
    assert listed["pagination"]["total"] == 0
