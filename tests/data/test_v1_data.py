"""/v1/data (seed 004): the posted object is the record's data, in the v1 envelope, on the
same engine as /v2/data (collection `default`)."""

from __future__ import annotations

import pytest

SEED = {"name": "Sample Dataset", "values": [1, 2, 3, 4, 5]}


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def test_seed_004_example_round_trip(client, tenant):
    headers = {"X-API-Key": tenant.key}
    created = client.post("/v1/data", headers=headers, json={**SEED, "id": "mine"})
    assert created.status_code == 201, created.text
    record = created.json()["data"]
    assert record["data"] == {**SEED, "id": "mine"} and record["id"].startswith("rec_")
    assert created.headers["location"] == f"/v1/data/{record['id']}"
    path = f"/v1/data/{record['id']}"
    assert client.get(path, headers=headers).json() == {"data": record}
    # The same record on /v2, in the documented collection.
    v2 = client.get(f"/v2/data/default/{record['id']}", headers=headers)
    assert v2.status_code == 200 and v2.json() == record

    replaced = client.put(path, headers=headers, json={"name": "Renamed"})
    assert replaced.json()["data"]["data"] == {"name": "Renamed"}
    patched = client.patch(path, headers=headers, json={"values": [9]})
    assert patched.json()["data"]["data"] == {"name": "Renamed", "values": [9]}

    listed = client.get("/v1/data", headers=headers, params={"filter": "name:eq:Renamed"}).json()
    assert [r["id"] for r in listed["data"]] == [record["id"]]
    assert listed["total"] == 1 and listed["has_more"] is False

    assert client.delete(path, headers=headers).status_code == 204
    missing = client.get(path, headers=headers)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "RESOURCE_NOT_FOUND"


def test_a_stale_if_match_is_412_in_the_v1_envelope(client, tenant):
    headers = {"X-API-Key": tenant.key}
    created = client.post("/v1/data", headers=headers, json=SEED)
    path = f"/v1/data/{created.json()['data']['id']}"
    client.patch(path, headers=headers, json={"values": []})
    stale = client.put(path, headers={**headers, "If-Match": created.headers["etag"]}, json={})
    assert stale.status_code == 412
    assert stale.json()["error"]["code"] == "PRECONDITION_FAILED"
