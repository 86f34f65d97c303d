"""Batch operations on /v2/data (seed 000's "Batch Operations"): batch create with per-item
errors and `atomic`, batch delete with its report, the events both announce, and the statements
a batch costs (one multi-row INSERT for the records, one for their outbox rows)."""

from __future__ import annotations

import uuid

import pytest

from charter.platform import runtime
from tests import db as testdb
from tests.factories import create_key, create_record

SEED_BATCH = {
    "records": [
        {"data": {"name": "Item 1"}},
        {"data": {"name": "Item 2"}},
        {"data": {"name": "Item 3"}},
    ]
}


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def collection():
    return f"batch_{uuid.uuid4().hex[:8]}"


def _h(tenant):
    return {"X-API-Key": tenant.key}


def _batch(client, tenant, collection, body, status=200):
    response = client.post(f"/v2/data/{collection}/batch", headers=_h(tenant), json=body)
    assert response.status_code == status, response.text
    return response.json()


def _listed(client, tenant, collection, **params):
    params.setdefault("limit", 100)
    response = client.get(f"/v2/data/{collection}", headers=_h(tenant), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _events(event_type, ids):
    with testdb.transaction() as session:
        return [
            e.payload
            for e in testdb.list_outbox(session, event_type=event_type)
            if e.payload.get("record_id") in ids
        ]


def test_seed_000_batch_create(client, tenant, collection):
    report = _batch(client, tenant, collection, SEED_BATCH)
    assert report["created"] == 3 and report["failed"] == 0 and report["errors"] == []
    records = report["records"]
    assert [r["data"] for r in records] == [item["data"] for item in SEED_BATCH["records"]]
    for record in records:
        assert record["id"].startswith("rec_") and record["collection"] == collection
        assert record["metadata"] == {} and record["created_at"].endswith("Z")
        got = client.get(f"/v2/data/{collection}/{record['id']}", headers=_h(tenant))
        assert got.status_code == 200 and got.json() == record
    listed = _listed(client, tenant, collection, order="asc")
    assert {r["id"] for r in listed["data"]} == {r["id"] for r in records}
    assert listed["pagination"]["total"] == 3
    ids = {r["id"] for r in records}
    created = _events("record.created", ids)
    assert sorted(created, key=lambda e: e["record_id"]) == sorted(
        ({"collection": collection, "record_id": r["id"], "changes": r["data"]} for r in records),
        key=lambda e: e["record_id"],
    )


def test_items_carry_metadata_and_ttl(client, tenant, collection):
    body = {
        "records": [
            {"data": {"n": 1}, "metadata": {"tags": ["a"]}, "ttl": 60},
            {"data": {"n": 2}},
        ]
    }
    first, second = _batch(client, tenant, collection, body)["records"]
    assert first["metadata"] == {"tags": ["a"]} and first["expires_at"] > first["created_at"]
    assert "expires_at" not in second
    got = client.get(f"/v2/data/{collection}/{first['id']}", headers=_h(tenant)).json()
    assert got["expires_at"] == first["expires_at"]


BAD_ITEMS = [
    (1, {"data": "not an object"}, "body.records.1.data"),
    (3, {"data": {"n": 3}, "ttl": 0}, "body.records.3.ttl"),
    (4, {"data": {"n": 4}, "colour": "red"}, "body.records.4.colour"),
    (5, {"metadata": {}}, "body.records.5.data"),
]


def _mixed_batch():
    items = [{"data": {"n": n}} for n in range(8)]
    for index, item, _ in BAD_ITEMS:
        items[index] = item
    return items


def test_invalid_items_are_reported_and_the_others_written(client, tenant, collection):
    report = _batch(client, tenant, collection, {"records": _mixed_batch()})
    assert report["created"] == 4 and report["failed"] == len(BAD_ITEMS)
    assert [r["data"] for r in report["records"]] == [{"n": 0}, {"n": 2}, {"n": 6}, {"n": 7}]
    assert [e["index"] for e in report["errors"]] == [i for i, _, _ in BAD_ITEMS]
    for error, (_, _, field) in zip(report["errors"], BAD_ITEMS, strict=True):
        assert error["status"] == 400
        assert error["error"]["code"] == "INVALID_REQUEST"
        assert error["error"]["details"]["field"] == field, error
    listed = _listed(client, tenant, collection)
    assert sorted(r["data"]["n"] for r in listed["data"]) == [0, 2, 6, 7]


def test_atomic_batch_with_an_invalid_item_writes_nothing(client, tenant, collection):
    report = _batch(client, tenant, collection, {"records": _mixed_batch(), "atomic": True})
    assert report["created"] == 0 and report["records"] == []
    assert report["failed"] == len(BAD_ITEMS)
    assert [e["index"] for e in report["errors"]] == [i for i, _, _ in BAD_ITEMS]
    assert report["errors"][0]["error"]["details"]["field"] == "body.records.1.data"
    assert _listed(client, tenant, collection)["pagination"]["total"] == 0
    with testdb.transaction() as session:
        assert not [
            e
            for e in testdb.list_outbox(session, event_type="record.created")
            if e.payload["collection"] == collection
        ]


def test_atomic_batch_of_valid_items_writes_them_all(client, tenant, collection):
    report = _batch(client, tenant, collection, {**SEED_BATCH, "atomic": True})
    assert report["created"] == 3 and report["failed"] == 0
    assert _listed(client, tenant, collection)["pagination"]["total"] == 3


@pytest.fixture
def statements():
    seen: list[str] = []
    db = runtime.current().db

    def listener(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.lstrip().split(None, 3)[:3])

    db.listen("before_cursor_execute", listener)
    yield seen
    db.unlisten("before_cursor_execute", listener)


def test_a_thousand_records_in_one_insert_and_one_outbox_insert(
    client, tenant, collection, statements
):
    body = {"records": [{"data": {"n": n, "name": f"Item {n}"}} for n in range(1000)]}
    client.get(f"/v2/data/{collection}", headers=_h(tenant))  # the key is cached from here on
    statements.clear()
    report = _batch(client, tenant, collection, body)
    assert report["created"] == 1000 and report["failed"] == 0
    inserts = [s for s in statements if s[0].upper() == "INSERT"]
    assert sorted(s[2] for s in inserts) == ["outbox_events", "records"], inserts
    assert _listed(client, tenant, collection, limit=1)["pagination"]["total"] == 1000
    ids = {r["id"] for r in report["records"]}
    assert len(ids) == 1000 and len(_events("record.created", ids)) == 1000


def test_more_than_a_thousand_records_is_400(client, tenant, collection):
    body = {"records": [{"data": {"n": n}} for n in range(1001)]}
    response = client.post(f"/v2/data/{collection}/batch", headers=_h(tenant), json=body)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "body.records"
    assert _listed(client, tenant, collection)["pagination"]["total"] == 0


@pytest.mark.parametrize(
    "body",
    [{}, {"records": []}, {"records": {}}, {"records": [{}], "x": 1}, {"records": ["item"]}],
)
def test_a_malformed_batch_is_400(client, tenant, collection, body):
    response = client.post(f"/v2/data/{collection}/batch", headers=_h(tenant), json=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "INVALID_REQUEST"


def test_seed_000_batch_delete(client, tenant, collection):
    created = _batch(client, tenant, collection, SEED_BATCH)["records"]
    ids = [created[0]["id"], created[1]["id"], "rec_ghi789"]
    response = client.post(
        f"/v2/data/{collection}/batch-delete", headers=_h(tenant), json={"ids": ids}
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "deleted": 2,
        "deleted_ids": ids[:2],
        "not_found": ["rec_ghi789"],
    }
    for record_id in ids:
        path = f"/v2/data/{collection}/{record_id}"
        assert client.get(path, headers=_h(tenant)).status_code == 404
    listed = _listed(client, tenant, collection)
    assert [r["id"] for r in listed["data"]] == [created[2]["id"]]
    deleted = _events("record.deleted", set(ids))
    assert sorted(e["record_id"] for e in deleted) == sorted(ids[:2])
    assert all(e == {"collection": collection, "record_id": e["record_id"], "changes": {}}
               for e in deleted)  # fmt: skip


def test_batch_delete_reports_repeats_once_and_expired_as_not_found(
    client, tenant, collection, clock
):
    kept, expiring = _batch(
        client, tenant, collection, {"records": [{"data": {}}, {"data": {}, "ttl": 5}]}
    )["records"]
    clock.advance(6)
    ids = [kept["id"], kept["id"], expiring["id"]]
    report = client.post(
        f"/v2/data/{collection}/batch-delete", headers=_h(tenant), json={"ids": ids}
    ).json()
    assert report == {"deleted": 1, "deleted_ids": [kept["id"]], "not_found": [expiring["id"]]}


def test_batch_delete_never_reaches_another_tenant_or_mode(client, tenant, collection, make_tenant):
    other = make_tenant(plan="enterprise", scopes=["admin"])
    theirs = create_record(other.organization_id, collection)
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    mine = _batch(client, tenant, collection, SEED_BATCH)["records"][0]["id"]
    as_sandbox = client.post(
        f"/v2/data/{collection}/batch-delete",
        headers={"X-API-Key": sandbox},
        json={"ids": [theirs, mine]},
    )
    assert as_sandbox.json() == {"deleted": 0, "deleted_ids": [], "not_found": [theirs, mine]}
    assert client.get(f"/v2/data/{collection}/{theirs}", headers=_h(other)).status_code == 200
    assert client.get(f"/v2/data/{collection}/{mine}", headers=_h(tenant)).status_code == 200


def test_batches_need_write_data(client, tenant, collection):
    reader, _ = create_key(tenant.organization_id, scopes=["read:data"])
    headers = {"X-API-Key": reader}
    path = f"/v2/data/{collection}"
    assert client.post(f"{path}/batch", headers=headers, json=SEED_BATCH).status_code == 403
    deleting = client.post(f"{path}/batch-delete", headers=headers, json={"ids": ["rec_x"]})
    assert deleting.status_code == 403
    assert _listed(client, tenant, collection)["pagination"]["total"] == 0


def test_batch_delete_limits(client, tenant, collection):
    path = f"/v2/data/{collection}/batch-delete"
    assert client.post(path, headers=_h(tenant), json={"ids": []}).status_code == 400
    too_many = {"ids": [f"rec_{n}" for n in range(1001)]}
    response = client.post(path, headers=_h(tenant), json=too_many)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "body.ids"
