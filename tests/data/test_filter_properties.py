"""Property tests: the SQL engine (storage/repositories/record_query.py) answers exactly what the
reference semantics in Python (charter.data.filters.matches / sort_key) answer, for random
records and clauses, on the database under test (SQLite, or PostgreSQL with
CHARTER_TEST_DATABASE_URL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from charter.data import filters
from charter.platform import runtime
from storage.models import Record
from storage.repositories.record_query import Clause, Field, condition, order_by

# Case pairs, non-ASCII case pairs (folded by neither database), LIKE wildcards and the escape
# character, code-point order traps (astral plane vs U+FFFD, 'Z' < 'a' < 'é'), number-like text.
STRINGS = [
    "", "a", "A", "B", "ab", "Ab%", "%", "_x", "x_", "\\", "a\\%", "é", "É", "ß", "ǅ",
    "\U0001f600", "\ufffd", "Z", "widget", "Widget Pro", "10", "true", "null", "a,b;c",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(-3, 3),
    st.sampled_from([0.5, -1.5, 2.0, 1.25, 1e15, -0.0, 2**62, 2**53 + 1]),
)
scalars = st.one_of(st.none(), st.booleans(), NUMBERS, st.sampled_from(STRINGS))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.sampled_from([{"k": 1}, {}, []]))
nested = st.one_of(
    st.fixed_dictionaries({}, optional={"x": values, "0": values}),
    st.lists(scalars, max_size=3),  # an array where `n.0` would index it on PostgreSQL
    scalars,
)
documents = st.fixed_dictionaries({}, optional={"a": values, "b": values, "n": nested})
metadata = st.fixed_dictionaries({}, optional={"a": values, "tags": st.lists(scalars, max_size=3)})

FIELDS = [
    Field("data", ("a",)),
    Field("data", ("b",)),
    Field("data", ("n",)),
    Field("data", ("n", "x")),
    Field("data", ("n", "0")),
    Field("metadata", ("a",)),
    Field("metadata", ("tags",)),
]
OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "contains", "in"]
BASE = datetime(2024, 2, 7, 10, 30, tzinfo=UTC)
TIMES = st.sampled_from(
    [BASE + timedelta(seconds=s) for s in (-1, 0, 1)] + [BASE.replace(microsecond=1)]
)
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def data_clauses(draw):
    op = draw(st.sampled_from(OPS))
    value = draw(st.lists(scalars, min_size=1, max_size=3)) if op == "in" else draw(scalars)
    return Clause(draw(st.sampled_from(FIELDS)), op, value)


@st.composite
def record_clauses(draw):
    """Clauses on the record's own fields, with values of the right type and of others."""
    name = draw(st.sampled_from(["id", "collection", "created_at", "updated_at", "expires_at"]))
    timed = name.endswith("_at")
    op = draw(st.sampled_from([o for o in OPS if not (timed and o == "contains")]))
    one = TIMES if timed else st.one_of(st.sampled_from(["rec_0", "REC_001", "prop", "_"]), scalars)
    value = draw(st.lists(one, min_size=1, max_size=3)) if op == "in" else draw(one)
    return Clause(Field("record", (name,)), op, value)


rows = st.lists(
    st.tuples(documents, metadata, TIMES, st.one_of(st.none(), TIMES)), min_size=1, max_size=6
)


def _store(organization_id: str, rows: list[tuple]) -> tuple[str, list[dict]]:
    """Insert the rows as one fresh collection; the API-shaped dicts `matches` reads."""
    collection = f"prop_{uuid.uuid4().hex}"
    records = [
        Record(
            id=f"rec_{i:03d}_{uuid.uuid4().hex}",
            organization_id=organization_id,
            livemode=True,
            collection=collection,
            data=data,
            meta=meta,
            version=1,
            created_at=created,
            updated_at=created + timedelta(seconds=i % 2),
            expires_at=expires,
        )
        for i, (data, meta, created, expires) in enumerate(rows)
    ]
    dicts = [
        {
            "id": r.id,
            "collection": collection,
            "data": r.data,
            "metadata": r.meta,
            "created_at": r.created_at,
            "updated_at": r.updated_at,
            "expires_at": r.expires_at,
        }
        for r in records
    ]
    with runtime.current().db.sync_transaction() as session:
        session.add_all(records)
    return collection, dicts


def _ids(collection: str, *where, order=None) -> list[str]:
    with runtime.current().db.sync_transaction() as session:
        query = select(Record.id).where(Record.collection == collection, *where)
        if order is not None:
            query = query.order_by(*order)
        return list(session.scalars(query))


def _check_filter(organization_id: str, rows: list[tuple], clause_list: list[Clause]) -> None:
    collection, records = _store(organization_id, rows)
    dialect = runtime.current().db.dialect
    found = set(_ids(collection, *[condition(c, dialect) for c in clause_list]))
    expected = {r["id"] for r in records if filters.matches(r, clause_list)}
    assert found == expected, (clause_list, rows)


def _example(data: dict, field: Field, op: str, value: object):
    return example(
        rows=[(data, {}, BASE, None), ({}, {}, BASE, None)], clause_list=[Clause(field, op, value)]
    )


@PROPERTY
@given(rows=rows, clause_list=st.lists(data_clauses(), min_size=1, max_size=2))
# PostgreSQL's `#>` would read index-like segments as array indexes.
@_example({"n": [5, 6]}, Field("data", ("n", "0")), "eq", 5)
@_example({"n": [5, 6]}, Field("data", ("n", "-1")), "gte", 6)
@_example({"n": {"0": 5}}, Field("data", ("n", "0")), "eq", 5)
# Element match on a non-array (jsonb_array_elements raises on scalars and objects).
@_example({"a": "x", "n": {"x": 5}}, Field("data", ("a",)), "contains", 5)
@_example({"a": "x", "n": {"x": 5}}, Field("data", ("n",)), "contains", 5)
@_example({"a": "Widget Pro"}, Field("data", ("a",)), "contains", "widget")
@_example({"a": "100%"}, Field("data", ("a",)), "contains", "0%")
@_example({"a": "100"}, Field("data", ("a",)), "contains", "_")
@_example({"a": 1.0}, Field("data", ("a",)), "in", [True, 1])
def test_sql_filters_on_documents_answer_what_the_reference_answers(
    app, make_tenant, rows, clause_list
):
    _check_filter(make_tenant().organization_id, rows, clause_list)


@settings(PROPERTY, max_examples=40)
@given(rows=rows, clause_list=st.lists(record_clauses(), min_size=1, max_size=2))
def test_sql_filters_on_record_fields_answer_what_the_reference_answers(
    app, make_tenant, rows, clause_list
):
    _check_filter(make_tenant().organization_id, rows, clause_list)


SORT_FIELDS = [*FIELDS, *(Field("record", (n,)) for n in ("id", "created_at", "expires_at"))]


@PROPERTY
@given(rows=rows, field=st.sampled_from(SORT_FIELDS), desc=st.booleans())
def test_sql_sorts_as_the_reference_sorts(app, make_tenant, rows, field, desc):
    collection, records = _store(make_tenant().organization_id, rows)
    dialect = runtime.current().db.dialect
    order = "desc" if desc else "asc"
    found = _ids(collection, order=order_by(field, order, dialect))
    present = [r for r in records if filters.sort_key(r, field)[0] == 0]
    missing = [r for r in records if filters.sort_key(r, field)[0] == 1]
    present.sort(key=lambda r: (*filters.sort_key(r, field)[1:], r["id"]), reverse=desc)
    missing.sort(key=lambda r: r["id"], reverse=desc)
    assert found == [r["id"] for r in present + missing], (field, order, rows)
