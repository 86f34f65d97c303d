"""/v2/collections (issue 8): collections listed with live record counts, declared JSON Schemas
and indexed fields, deletes that never lose records by mistake, and real expression indexes that
the planner uses, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import and_, insert, select, text

from charter.data import collections
from charter.data.filters import parse_filter
from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from storage.models import Record
from storage.repositories import collections as collection_repo
from storage.repositories import record_query
from tests import db as testdb
from tests.factories import create_key

SCHEMA = {
    "type": "object",
    "required": ["name", "price"],
    "properties": {
        "name": {"type": "string"},
        "price": {"type": "number", "minimum": 0},
        "stock": {"type": "integer"},
        "dimensions": {"type": "object", "properties": {"width": {"type": "number"}}},
        "tags": {"type": "array"},
        "flag": {"type": ["boolean"]},
        "either": {"type": ["string", "null"]},
    },
}


@pytest.fixture(scope="module", autouse=True)
def _drop_declared_indexes():
    """Leave no run-time index behind: tests/tools/test_migrations.py compares the database with
    the models (it should ignore `ix_records_f_*` itself; see the report)."""
    yield
    with runtime.current().db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            query = "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_records_f_%'"
        else:
            query = "SELECT name FROM sqlite_master WHERE name LIKE 'ix_records_f_%'"
        names = [row[0] for row in connection.execute(text(query))]
    with runtime.current().db.engine.begin() as connection:
        for index in names:
            connection.execute(text(f"DROP INDEX IF EXISTS {index}"))
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"DROP STATISTICS IF EXISTS st_{index[3:]}"))


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def name():
    return f"c_{uuid.uuid4().hex[:10]}"


def _h(tenant):
    return {"X-API-Key": tenant.key}


def _post(client, tenant, collection, data, **extra):
    response = client.post(
        f"/v2/data/{collection}", headers=_h(tenant), json={"data": data, **extra}
    )
    assert response.status_code == 201, response.text
    return response.json()


def _declare(client, tenant, collection, body, status=(200, 201)):
    response = client.put(f"/v2/collections/{collection}", headers=_h(tenant), json=body)
    assert response.status_code in (status if isinstance(status, tuple) else (status,)), (
        response.text
    )
    return response


def _index_names() -> set[str]:
    with testdb.transaction() as session:
        if session.get_bind().dialect.name == "postgresql":
            query = "SELECT indexname FROM pg_indexes WHERE tablename = 'records'"
        else:
            query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'"
        return {row[0] for row in session.execute(text(query))}


def _scope(tenant, collection):
    return {"organization_id": tenant.organization_id, "livemode": True, "collection": collection}


def _run(work):
    async def main():
        async with runtime.current().db.read() as session:
            return await work(session)

    return asyncio.run(main())


# Listing ----------------------------------------------------------------------------------------


def test_list_counts_live_records_and_declared_collections(client, tenant, clock):
    first, second, declared = "alpha", "beta", "gamma"
    for n in range(3):
        _post(client, tenant, first, {"n": n})
    _post(client, tenant, second, {"n": 1})
    _post(client, tenant, second, {"n": 2}, ttl=60)
    _post(client, tenant, "expired_only", {"n": 1}, ttl=60)
    _declare(client, tenant, declared, {"indexes": []})
    clock.advance(61)
    listed = client.get("/v2/collections", headers=_h(tenant))
    assert listed.status_code == 200
    body = listed.json()
    assert [(c["name"], c["record_count"]) for c in body["data"]] == [
        (first, 3),
        (second, 1),
        (declared, 0),
    ]
    assert body["pagination"] == {"total": 3, "limit": 20, "offset": 0, "has_more": False}
    assert body["data"][0] == {
        "name": first,
        "record_count": 3,
        "schema": None,
        "indexes": [],
        "version": 0,
        "declared_at": None,
    }
    page = client.get("/v2/collections?limit=1&offset=1", headers=_h(tenant)).json()
    assert [c["name"] for c in page["data"]] == [second]
    assert page["pagination"]["has_more"] is True


def test_collections_stay_in_their_tenant_and_mode(client, tenant, make_tenant, name):
    _post(client, tenant, name, {"n": 1})
    _declare(client, tenant, name, {"schema": SCHEMA})
    other = make_tenant(plan="enterprise", scopes=["admin"])
    assert client.get("/v2/collections", headers=_h(other)).json()["data"] == []
    assert client.get(f"/v2/collections/{name}", headers=_h(other)).status_code == 404
    assert client.delete(f"/v2/collections/{name}?force=true", headers=_h(other)).status_code == 404
    # Another tenant declaring the same name declares its own collection.
    assert _declare(client, other, name, {"indexes": []}).status_code == 201
    mine = client.get(f"/v2/collections/{name}", headers=_h(tenant)).json()
    assert mine["schema"] == SCHEMA and mine["record_count"] == 1
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    assert client.get("/v2/collections", headers={"X-API-Key": sandbox}).json()["data"] == []


def test_scopes(client, tenant, name):
    reader, _ = create_key(tenant.organization_id, scopes=["read:data"])
    _post(client, tenant, name, {"n": 1})
    headers = {"X-API-Key": reader}
    assert client.get("/v2/collections", headers=headers).status_code == 200
    assert client.get(f"/v2/collections/{name}", headers=headers).status_code == 200
    put = client.put(f"/v2/collections/{name}", headers=headers, json={"indexes": []})
    assert put.status_code == 403
    assert client.delete(f"/v2/collections/{name}", headers=headers).status_code == 403
    assert client.get(f"/v2/collections/{name}", headers=_h(tenant)).json()["version"] == 0


# Declaring --------------------------------------------------------------------------------------


def test_declare_then_redeclare(client, tenant, name):
    created = _declare(client, tenant, name, {"schema": SCHEMA, "indexes": ["price"]}, 201)
    assert created.json()["version"] == 1 and created.json()["indexes"] == ["price"]
    assert created.json()["schema"] == SCHEMA and created.json()["declared_at"].endswith("Z")
    again = _declare(client, tenant, name, {"indexes": ["name", "name"]}, 200).json()
    assert again["version"] == 2 and again["schema"] is None and again["indexes"] == ["name"]
    got = client.get(f"/v2/collections/{name}", headers=_h(tenant)).json()
    assert got == again
    with testdb.transaction() as session:
        events = [e.payload for e in testdb.list_outbox(session, event_type="collection.declared")]
    assert {"collection": name, "version": 2} in events


@pytest.mark.parametrize(
    "body,field",
    [
        ({"schema": {"type": "object", "minProperties": -1}}, "body.schema.minProperties"),
        ({"schema": {"$ref": "https://example.com/s.json"}}, "body.schema.$ref"),
        (
            {"schema": {"properties": {"a": {"$ref": "other.json#/x"}}}},
            "body.schema.properties.a.$ref",
        ),
        ({"schema": {"$schema": "http://json-schema.org/draft-07/schema#"}}, "body.schema.$schema"),
        ({"schema": {"description": "x" * 40_000}}, "body.schema"),
        ({"schema": SCHEMA, "indexes": ["flag"]}, "body.indexes.0"),
        ({"schema": SCHEMA, "indexes": ["price", "tags"]}, "body.indexes.1"),
        ({"indexes": ["metadata.source"]}, "body.indexes.0"),
        ({"indexes": ["created_at"]}, "body.indexes.0"),
        ({"indexes": ["bad name"]}, "body.indexes.0"),
    ],
)
def test_bad_declarations_name_the_field(client, tenant, name, body, field):
    response = client.put(f"/v2/collections/{name}", headers=_h(tenant), json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "INVALID_REQUEST" and error["details"]["field"] == field, error
    assert client.get(f"/v2/collections/{name}", headers=_h(tenant)).status_code == 404


def test_local_refs_are_allowed(client, tenant, name):
    schema = {
        "$defs": {"money": {"type": "number", "minimum": 0}},
        "properties": {"price": {"$ref": "#/$defs/money"}},
    }
    _declare(client, tenant, name, {"schema": schema}, 201)
    with pytest.raises(Exception) as refused:
        _run(lambda s: collections.validate_record(s, _scope(tenant, name), {"price": -1}))
    assert refused.value.errors[0].field == "body.data.price"


# validate_record and declared_types -------------------------------------------------------------


def test_validate_record_names_the_failing_path(client, tenant, name):
    from charter.platform.errors import Invalid

    scope = _scope(tenant, name)
    _run(lambda s: collections.validate_record(s, scope, {"anything": True}))  # undeclared
    _declare(client, tenant, name, {"schema": SCHEMA})
    good = {"name": "Widget", "price": 1.5, "dimensions": {"width": 2}}
    assert _run(lambda s: collections.validate_record(s, scope, good)) is None
    cases = [
        ({"name": "W", "price": "cheap"}, "body.data.price"),
        ({"name": "W", "price": -1}, "body.data.price"),
        ({"name": "W"}, "body.data.price"),
        ({"name": "W", "price": 1, "dimensions": {"width": "wide"}}, "body.data.dimensions.width"),
    ]
    for data, field in cases:
        with pytest.raises(Invalid) as refused:
            _run(lambda s, data=data: collections.validate_record(s, scope, data))
        assert refused.value.errors[0].field == field, (data, refused.value.errors)
    # A new declaration is seen at once (the cache is keyed by the declaration's version).
    _declare(client, tenant, name, {"schema": {"properties": {"price": {"type": "string"}}}})
    assert _run(lambda s: collections.validate_record(s, scope, {"price": "cheap"})) is None


def test_declared_types(client, tenant, name):
    scope = _scope(tenant, name)
    assert _run(lambda s: collections.declared_types(s, scope)) == {}
    _declare(client, tenant, name, {"schema": SCHEMA})
    assert _run(lambda s: collections.declared_types(s, scope)) == {
        "name": "string",
        "price": "number",
        "stock": "number",
        "dimensions": "object",
        "dimensions.width": "number",
        "tags": "array",
        "flag": "boolean",
    }


def test_record_writes_are_checked_against_the_schema(client, tenant, name):
    _declare(client, tenant, name, {"schema": SCHEMA})
    response = client.post(
        f"/v2/data/{name}", headers=_h(tenant), json={"data": {"name": "W", "price": "x"}}
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "body.data.price"
    record = _post(client, tenant, name, {"name": "W", "price": 1})
    path = f"/v2/data/{name}/{record['id']}"
    patched = client.patch(path, headers=_h(tenant), json={"data": {"price": -5}})
    assert patched.status_code == 400
    assert client.get(path, headers=_h(tenant)).json()["data"]["price"] == 1


def test_filter_type_mismatch_on_a_declared_field_answers_400(client, tenant, name):
    _declare(client, tenant, name, {"schema": SCHEMA})
    response = client.get(f"/v2/data/{name}?filter=price:eq:cheap", headers=_h(tenant))
    assert response.status_code == 400
    assert "price:eq:cheap" in response.json()["error"]["message"]
    undeclared = client.get(f"/v2/data/{name}?filter=other:eq:cheap", headers=_h(tenant))
    assert undeclared.status_code == 200


# Deleting ---------------------------------------------------------------------------------------


def test_delete_refuses_to_lose_records_unless_forced(client, tenant, name):
    record = _post(client, tenant, name, {"price": 1})
    _declare(client, tenant, name, {"schema": {"type": "object"}})
    refused = client.delete(f"/v2/collections/{name}", headers=_h(tenant))
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "CONFLICT"
    path = f"/v2/data/{name}/{record['id']}"
    assert client.get(path, headers=_h(tenant)).status_code == 200
    forced = client.delete(f"/v2/collections/{name}?force=true", headers=_h(tenant))
    assert forced.status_code == 204
    assert client.get(path, headers=_h(tenant)).status_code == 404
    assert client.get(f"/v2/collections/{name}", headers=_h(tenant)).status_code == 404
    assert client.delete(f"/v2/collections/{name}", headers=_h(tenant)).status_code == 404
    with testdb.transaction() as session:
        events = [e.payload for e in testdb.list_outbox(session, event_type="collection.deleted")]
    assert {"collection": name, "records_deleted": 1} in events


def test_delete_of_an_empty_declared_collection(client, tenant, name, clock):
    _post(client, tenant, name, {"n": 1}, ttl=60)
    _declare(client, tenant, name, {"indexes": []})
    clock.advance(61)  # only an expired record left: nothing to lose
    assert client.delete(f"/v2/collections/{name}", headers=_h(tenant)).status_code == 204
    assert client.get(f"/v2/collections/{name}", headers=_h(tenant)).status_code == 404


# Indexes ----------------------------------------------------------------------------------------


def test_indexes_are_created_shared_and_dropped(client, tenant, make_tenant, name):
    field = f"f{uuid.uuid4().hex[:8]}"
    number = collection_repo.IndexSpec((field,), "number").name
    string = collection_repo.IndexSpec((field,), "string").name
    typed = {"properties": {field: {"type": "number"}}}
    _declare(client, tenant, name, {"schema": typed, "indexes": [field]})
    assert number in _index_names() and string not in _index_names()
    other = make_tenant(plan="enterprise", scopes=["admin"])
    _declare(client, other, "shared", {"indexes": [field]})  # untyped: both
    assert {number, string} <= _index_names()
    _declare(client, tenant, name, {"indexes": []})  # the other still uses the number index
    assert {number, string} <= _index_names()
    assert client.delete("/v2/collections/shared", headers=_h(other)).status_code == 204
    assert not {number, string} & _index_names()


def test_index_names_are_bounded_and_distinct():
    long = collection_repo.IndexSpec(tuple(["segment" * 9] * 8), "number")
    assert len(long.name) <= 63 and len(long.statistics_name) <= 63
    upper = collection_repo.IndexSpec(("Price",), "number")
    lower = collection_repo.IndexSpec(("price",), "number")
    assert upper.name != lower.name  # SQLite's index names ignore case


def _seed(tenant, collection, count):
    """`count` records in the collection (price 0..999 and a name), and as many in others."""
    now = utcnow()
    rows = []
    for n in range(count * 2):
        rows.append(
            {
                "id": new_id("rec"),
                "organization_id": tenant.organization_id,
                "livemode": True,
                "collection": collection if n % 2 else "noise",
                "data": {"price": n % 1000, "name": f"item {n % 500}"},
                "metadata": {},
                "version": 1,
                "created_at": now - timedelta(seconds=n),
                "updated_at": now,
                "expires_at": None,
            }
        )
    with runtime.current().db.engine.begin() as connection:
        connection.execute(insert(Record.__table__), rows)
    _analyze()


def _analyze():
    with runtime.current().db.engine.begin() as connection:
        connection.execute(text("ANALYZE records"))


def _explain(statement, parameters) -> str:
    with runtime.current().db.engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        prefix = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
        plan = connection.exec_driver_sql(prefix + statement, parameters)
        return "\n".join(str(row[-1]) for row in plan)


def _captured_list_query(client, tenant, collection, filter_text):
    captured = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT RECORDS.ID"):
            captured.append((statement, parameters))

    db = runtime.current().db
    db.listen("before_cursor_execute", grab)
    try:
        url = f"/v2/data/{collection}?filter={filter_text}&limit=20"
        assert client.get(url, headers=_h(tenant)).status_code == 200
    finally:
        db.unlisten("before_cursor_execute", grab)
    return captured[0]


def _indexable_query(tenant, collection, filter_text, dialect):
    """The list query with each clause as `<record_query's expression> <op> <value>` (what the
    index is built on), the form record_query emits once the COALESCE goes (see the report)."""
    clause = parse_filter(filter_text)[0]
    spec = collection_repo.IndexSpec(clause.field.path, "number")
    expression = collection_repo._inline(collection_repo.expression(spec, dialect), dialect)
    ops = {"eq": expression == clause.value, "gt": expression > clause.value}
    is_kind = record_query._Document(clause.field, dialect).is_kind("number")
    is_number = collection_repo._inline(is_kind, dialect)
    live = [
        Record.organization_id == tenant.organization_id,
        Record.livemode == bool(tenant.organization_id),
        Record.collection == collection,
        (Record.expires_at.is_(None)) | (Record.expires_at > utcnow()),
    ]
    order = record_query.order_by(record_query.Field("record", ("created_at",)), "desc", dialect)
    query = select(Record).where(*live, and_(is_number, ops[clause.op])).order_by(*order).limit(20)
    compiled = query.compile(runtime.current().db.engine)
    if dialect == "postgresql":
        return str(compiled), compiled.params
    return str(compiled), tuple(compiled.params[k] for k in compiled.positiontup)


@pytest.fixture(scope="module")
def indexed(make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    collection = f"idx_{uuid.uuid4().hex[:8]}"
    _seed(tenant, collection, 20_000)
    return tenant, collection


def _testdb_is_postgres() -> bool:
    from tests.conftest import PG_URL

    return bool(PG_URL)


def _uses_declared_index(plan: str) -> bool:
    return collection_repo.IndexSpec(("price",), "number").name in plan


def _plan(client, tenant, collection, filter_text):
    _declare(client, tenant, collection, {"schema": SCHEMA, "indexes": ["price"]})
    _analyze()
    query = _indexable_query(tenant, collection, filter_text, runtime.current().db.dialect)
    return _explain(*query)


def test_declared_index_serves_an_equality_filter(client, indexed):
    plan = _plan(client, *indexed, "price:eq:10")
    assert _uses_declared_index(plan), plan


def test_declared_index_serves_the_list_querys_equality_filter(client, indexed):
    tenant, collection = indexed
    _declare(client, tenant, collection, {"schema": SCHEMA, "indexes": ["price"]})
    _analyze()
    plan = _explain(*_captured_list_query(client, tenant, collection, "price:eq:10"))
    assert _uses_declared_index(plan), plan


@pytest.mark.skipif(
    not _testdb_is_postgres(),
    reason="SQLite plans a range from sqlite_stat1 averages (no STAT4): in this shared test "
    "database of many small collections it reads the created_at index instead; on a database "
    "of a few large collections (make bench) it takes the declared index",
)
def test_declared_index_serves_the_list_querys_range_filter(client, indexed):
    tenant, collection = indexed
    _declare(client, tenant, collection, {"schema": SCHEMA, "indexes": ["price"]})
    _analyze()
    plan = _explain(*_captured_list_query(client, tenant, collection, "price:gt:995"))
    assert _uses_declared_index(plan), plan
