"""Keyset pagination (`after` / `next_cursor`) and `count` on record lists: cursor walks return
exactly what one big page returns, in every sort of the cross-database order (data fields of
mixed types, missing fields last, both orders); cursors are signed and bound to their query;
`count=none|estimated`; and a keyset page is an index range, not a skip."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text

from charter.data import filters
from charter.platform import runtime
from storage.models import Record
from storage.repositories.record_keyset import SortKey
from storage.repositories.record_query import Field
from tests.data.test_filter_properties import PROPERTY, SORT_FIELDS, _store, rows

MIXED = [5, 1.5, -2, "b", "B", "a", "", True, False, None, [1], {"k": 1}, 5, "b", 2**53 + 1]


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def collection():
    return f"cursor_{uuid.uuid4().hex[:8]}"


def _h(tenant):
    return {"X-API-Key": tenant.key}


def _seed(client, tenant, collection):
    """Records whose `v` has every JSON type (ties included) or is missing; `n` numbers them.
    Written by two batches, so many records share one `created_at` (ties broken by id)."""
    items = [{"data": {"n": i, "v": v}} for i, v in enumerate(MIXED)]
    items += [{"data": {"n": len(MIXED) + i}} for i in range(3)]  # no `v`
    half = len(items) // 2
    for part in (items[:half], items[half:]):
        body = {"records": part}
        response = client.post(f"/v2/data/{collection}/batch", headers=_h(tenant), json=body)
        assert response.json()["created"] == len(part)
    return len(items)


def _page(client, tenant, collection, **params):
    response = client.get(f"/v2/data/{collection}", headers=_h(tenant), params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _walk(client, tenant, collection, limit, **params):
    ids, after, pages = [], None, 0
    while True:
        query = {**params, "limit": limit, **({"after": after} if after else {})}
        page = _page(client, tenant, collection, **query)
        pages += 1
        ids += [r["id"] for r in page["data"]]
        pagination = page["pagination"]
        assert pagination["has_more"] == (pagination["next_cursor"] is not None)
        after = pagination["next_cursor"]
        if after is None:
            return ids, pages


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"order": "asc"},
        {"sort": "v"},
        {"sort": "v", "order": "asc"},
        {"sort": "n", "order": "asc", "filter": "n:gte:3"},
        {"sort": "id"},
        {"sort": "updated_at", "order": "asc"},
        {"sort": "expires_at"},
        {"sort": "metadata.none"},
    ],
)
def test_a_cursor_walk_returns_what_one_page_returns(client, tenant, collection, params):
    _seed(client, tenant, collection)
    everything = [r["id"] for r in _page(client, tenant, collection, limit=100, **params)["data"]]
    walked, pages = _walk(client, tenant, collection, 2, **params)
    assert walked == everything
    assert pages == max(1, -(-len(everything) // 2))


def test_offset_pages_carry_a_cursor_too(client, tenant, collection):
    total = _seed(client, tenant, collection)
    first = _page(client, tenant, collection, limit=5, offset=5, sort="v")
    rest = _page(
        client, tenant, collection, limit=100, sort="v", after=first["pagination"]["next_cursor"]
    )
    everything = _page(client, tenant, collection, limit=100, sort="v")["data"]
    assert [r["id"] for r in first["data"] + rest["data"]] == [r["id"] for r in everything][5:]
    assert rest["pagination"] == {
        "total": total,
        "limit": 100,
        "offset": 0,
        "has_more": False,
        "next_cursor": None,
    }


def _cursor(client, tenant, collection, **params):
    return _page(client, tenant, collection, limit=2, **params)["pagination"]["next_cursor"]


def _refused(client, tenant, collection, **params):
    response = client.get(f"/v2/data/{collection}", headers=_h(tenant), params=params)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "INVALID_REQUEST" and error["details"]["field"] == "query.after"
    return error


def test_a_cursor_is_bound_to_its_query(client, tenant, collection, make_tenant):
    _seed(client, tenant, collection)
    cursor = _cursor(client, tenant, collection, sort="v", order="asc", filter="n:gte:0")
    same = {"sort": "v", "order": "asc", "filter": "n:gte:0"}
    assert _page(client, tenant, collection, after=cursor, **same)["data"]
    for other in (
        {"sort": "n"},
        {"order": "desc"},
        {"filter": "n:gte:1"},
        {"filter": None},
    ):
        _refused(client, tenant, collection, after=cursor, **{**same, **other})
    _refused(client, tenant, f"{collection}x", after=cursor, **same)
    stranger = make_tenant(plan="enterprise", scopes=["admin"])
    _refused(client, stranger, collection, after=cursor, **same)


@pytest.mark.parametrize(
    "damage",
    [
        lambda c: c[:-1] + ("0" if c[-1] != "0" else "1"),  # another signature
        lambda c: ("X" if c[0] != "X" else "Y") + c[1:],  # another key, the old signature
        lambda c: c.split(".")[0],  # no signature
        lambda c: "not-a-cursor",
        lambda c: "." * 40,
    ],
)
def test_a_damaged_cursor_is_400_naming_after(client, tenant, collection, damage):
    _seed(client, tenant, collection)
    cursor = _cursor(client, tenant, collection)
    _refused(client, tenant, collection, after=damage(cursor))


def test_after_and_offset_together_are_400(client, tenant, collection):
    _seed(client, tenant, collection)
    cursor = _cursor(client, tenant, collection)
    error = _refused(client, tenant, collection, after=cursor, offset=0)
    assert "offset" in error["message"]


def test_count_none_skips_the_total_and_keeps_has_more(client, tenant, collection):
    total = _seed(client, tenant, collection)
    page = _page(client, tenant, collection, limit=total - 1, count="none")
    assert page["pagination"]["total"] is None and page["pagination"]["has_more"] is True
    last = _page(client, tenant, collection, limit=total, count="none")
    assert last["pagination"]["has_more"] is False and last["pagination"]["next_cursor"] is None
    assert len(last["data"]) == total


def test_count_estimated(client, tenant, collection):
    total = _seed(client, tenant, collection)
    page = _page(client, tenant, collection, limit=3, count="estimated")["pagination"]
    if runtime.current().db.dialect == "sqlite":
        assert page["total"] == total  # no planner estimate: counted
    else:
        assert isinstance(page["total"], int) and page["total"] >= 4  # at least what is known
    last = _page(client, tenant, collection, limit=100, count="estimated")["pagination"]
    assert last["total"] == total  # the last page knows the exact number


def test_v1_data_pages_by_cursor_and_counts_as_asked(client, tenant):
    headers = _h(tenant)
    made = [
        client.post("/v1/data", headers=headers, json={"i": i}).json()["data"]["id"]
        for i in range(5)
    ]
    ids, after = [], None
    while True:
        params = {"limit": 2, "sort": "i", "order": "asc", "count": "none"}
        page = client.get(
            "/v1/data", headers=headers, params={**params, **({"after": after} if after else {})}
        )
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["total"] is None
        ids += [r["id"] for r in body["data"]]
        after = body["next_cursor"]
        if after is None:
            break
    assert [i for i in ids if i in made] == made
    bad = client.get("/v1/data", headers=headers, params={"after": "junk.0123"})
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "query.after"


# -- the engine: keyset conditions agree with the ORDER BY, for random records ----------------


def _keyset_walk(collection: str, key: SortKey, size: int) -> list[str]:
    found: list[str] = []
    after = None
    with runtime.current().db.sync_transaction() as session:
        while True:
            query = select(Record, *key.values()).where(Record.collection == collection)
            if after is not None:
                query = query.where(key.after(*after))
            page = session.execute(query.order_by(*key.order_by()).limit(size)).all()
            found += [row[0].id for row in page]
            if len(page) < size:
                return found
            after = (list(page[-1][1:]), page[-1][0].id)


@PROPERTY
@given(
    rows=rows,
    field=st.sampled_from([*SORT_FIELDS, Field("record", ("updated_at",))]),
    desc=st.booleans(),
    size=st.integers(1, 3),
)
def test_keyset_pages_follow_the_sort_order(app, make_tenant, rows, field, desc, size):
    collection, _ = _store(make_tenant().organization_id, rows)
    dialect = runtime.current().db.dialect
    key = SortKey(field, "desc" if desc else "asc", dialect)
    with runtime.current().db.sync_transaction() as session:
        query = select(Record.id).where(Record.collection == collection)
        everything = list(session.scalars(query.order_by(*key.order_by())))
    assert _keyset_walk(collection, key, size) == everything, (field, desc, rows)


def test_a_keyset_page_is_an_index_range(app, make_tenant):
    """The default sort's next page starts inside ix_records_collection_created at the cursor:
    no scan of the records before it, no sort."""
    dialect = runtime.current().db.dialect
    key = SortKey(filters.parse_field("created_at", param="sort"), "desc", dialect)
    record = select(Record).limit(1).subquery()
    query = (
        select(Record.id)
        .where(
            Record.organization_id == "org_x",
            Record.livemode.is_(True),
            Record.collection == "c",
            key.after([filters._time("2024-02-07T10:30:00Z", "")], "rec_x"),
        )
        .order_by(*key.order_by())
        .limit(21)
    )
    del record
    compiled = query.compile(runtime.current().db.engine)
    with runtime.current().db.sync_transaction() as session:
        if dialect == "sqlite":
            params = tuple(compiled.params[k] for k in compiled.positiontup)
            plan = " ".join(
                str(row[-1])
                for row in session.connection().exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {compiled}", params
                )
            )
            assert "ix_records_collection_created" in plan and "created_at<" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
        else:
            session.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(
                row[0]
                for row in session.connection().exec_driver_sql(
                    f"EXPLAIN {compiled}", compiled.params
                )
            )
            assert "ix_records_collection_created" in plan and "created_at <=" in plan, plan
            assert "Sort" not in plan.split("->")[0], plan
