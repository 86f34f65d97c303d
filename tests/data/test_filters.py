"""The filter language (seed 000): parsing, typing, errors naming the clause, field names for
`sort` and `fields`, projection, and the reference semantics on the seed's own examples."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from charter.data.filters import (
    matches,
    parse_field,
    parse_fields,
    parse_filter,
    project,
    sort_key,
)
from charter.platform.errors import Invalid
from storage.repositories.record_query import Clause, Field

WIDGET: dict[str, Any] = {
    "id": "rec_abc123",
    "collection": "products",
    "data": {"name": "Widget Pro", "price": 29.99, "category": "electronics", "in_stock": True},
    "metadata": {"tags": ["featured", "new"], "source": "import_batch_001"},
    "created_at": datetime(2024, 2, 7, 10, 30, tzinfo=UTC),
    "updated_at": datetime(2024, 2, 7, 10, 30, tzinfo=UTC),
    "expires_at": None,
}


def data(*path: str) -> Field:
    return Field("data", path)


def test_the_seed_operator_table_parses():
    text = (
        "status:eq:active;type:ne:draft;price:gt:100;count:gte:5;age:lt:30;score:lte:50;"
        "status:in:active,pending;name:contains:widget"
    )
    assert parse_filter(text) == [
        Clause(data("status"), "eq", "active"),
        Clause(data("type"), "ne", "draft"),
        Clause(data("price"), "gt", 100),
        Clause(data("count"), "gte", 5),
        Clause(data("age"), "lt", 30),
        Clause(data("score"), "lte", 50),
        Clause(data("status"), "in", ["active", "pending"]),
        Clause(data("name"), "contains", "widget"),
    ]


def test_the_seed_examples_match_the_seed_record():
    assert matches(WIDGET, parse_filter("name:contains:widget"))
    assert matches(WIDGET, parse_filter("price:gt:10;category:in:electronics,gadgets"))
    assert not matches(WIDGET, parse_filter("price:gt:100"))
    assert not matches(WIDGET, parse_filter("status:eq:active;price:gt:10"))  # no status
    assert matches(WIDGET, parse_filter("in_stock:eq:true;metadata.tags:contains:new"))
    assert matches(WIDGET, parse_filter("created_at:gte:2024-02-07T10:30:00Z"))
    assert not matches(WIDGET, parse_filter("created_at:gt:2024-02-07T10:30:00Z"))
    assert matches(WIDGET, parse_filter("created_at:lt:2024-02-07T11:30:01+01:00;id:eq:rec_abc123"))


def test_a_clause_splits_at_its_first_two_colons_only():
    (clause,) = parse_filter("created_at:gt:2024-02-07T10:30:00Z")
    assert clause == Clause(
        Field("record", ("created_at",)), "gt", datetime(2024, 2, 7, 10, 30, tzinfo=UTC)
    )
    assert parse_filter("url:eq:https://x.test:8080/a") == [
        Clause(data("url"), "eq", "https://x.test:8080/a")
    ]


def test_times_are_read_in_utc_and_must_be_times():
    (clause,) = parse_filter("updated_at:in:2024-02-07T12:30:00+02:00,2024-02-07T10:30:00.5")
    assert clause.value == [
        datetime(2024, 2, 7, 10, 30, tzinfo=UTC),
        datetime(2024, 2, 7, 10, 30, 0, 500000, tzinfo=UTC),
    ]
    for bad in ("created_at:gt:yesterday", "expires_at:eq:null", "created_at:gt:2024-02-07"):
        with pytest.raises(Invalid, match="RFC 3339"):
            parse_filter(bad)
    with pytest.raises(Invalid, match="contains"):
        parse_filter("created_at:contains:2024-02-07T10:30:00Z")


def test_backslash_escapes_separators_and_itself():
    parsed = parse_filter(r"note:eq:a\;b\,c;path:eq:C:\\dir;tags:in:x\,y,z\\,w;raw:eq:a\b")
    assert [c.value for c in parsed] == ["a;b,c", "C:\\dir", ["x,y", "z\\", "w"], "a\\b"]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("10", 10),
        ("-2.5", -2.5),
        ("1e3", 1000.0),
        ("0", 0),
        ("true", True),
        ("false", False),
        ("null", None),
        ('"10"', "10"),
        ('"true"', "true"),
        ('""', ""),
        ("", ""),
        ("01", "01"),
        ("+1", "+1"),
        (".5", ".5"),
        ("1.", "1."),
        ("NaN", "NaN"),
        ("Infinity", "Infinity"),
        ("TRUE", "TRUE"),
        ("électronique", "électronique"),
        ("99999999999999999999", 1e20),
    ],
)
def test_values_are_typed_as_json_reads_them(raw, value):
    (clause,) = parse_filter(f"x:eq:{raw}")
    assert clause.value == value and type(clause.value) is type(value)


def test_in_types_each_value():
    (clause,) = parse_filter('x:in:1,"1",true,null,one')
    assert clause.value == [1, "1", True, None, "one"]
    assert [type(v) for v in clause.value] == [int, str, bool, type(None), str]


def test_names_reach_data_metadata_and_record_fields():
    assert parse_field("price", param="sort") == data("price")
    assert parse_field("dimensions.width", param="sort") == data("dimensions", "width")
    assert parse_field("created_at", param="sort") == Field("record", ("created_at",))
    assert parse_field("data.id", param="sort") == data("id")
    assert parse_field("data.created_at", param="sort") == data("created_at")
    assert parse_field("metadata.source", param="sort") == Field("metadata", ("source",))
    assert parse_field("metadata", param="sort") == data("metadata")
    assert parse_field("a-b.c_d.9", param="sort") == data("a-b", "c_d", "9")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("price:gt", "'price:gt' is not field:op:value"),
        ("price", "'price' is not field:op:value"),
        (":eq:1", "':eq:1' is not field:op:value"),
        ("status:eq:active;price:between:1,2", "'price:between:1,2': unknown operator"),
        ("status:EQ:active", "unknown operator 'EQ'"),
        ("na me:eq:1", "'na me:eq:1'"),
        ("a..b:eq:1", "'a..b:eq:1'"),
        ("data.:eq:1", "'data.:eq:1'"),
        ("$.a:eq:1", "'$.a:eq:1'"),
        ('a"b:eq:1', "'a\"b:eq:1'"),
        ("a.b.c.d.e.f.g.h.i:eq:1", "at most 8 deep"),
        ("x:gt:1e999", "'x:gt:1e999': 1e999 is out of range"),
        (";".join(["a:eq:1"] * 21), "At most 20 clauses"),
        ("x:in:" + ",".join(["1"] * 101), "at most 100 values"),
        ("x:eq:a\x00b", "NUL"),
    ],
)
def test_malformed_filters_name_the_clause(text, fragment):
    with pytest.raises(Invalid) as caught:
        parse_filter(text)
    assert fragment in caught.value.message
    assert type(caught.value) is Invalid  # 400 INVALID_REQUEST on /v2, 422 on /v1
    assert [e.field for e in caught.value.errors] == ["query.filter"]


def test_sort_and_fields_errors_name_their_parameter():
    with pytest.raises(Invalid) as caught:
        parse_field("a b", param="sort")
    assert [e.field for e in caught.value.errors] == ["query.sort"]
    assert "'a b'" in caught.value.message
    with pytest.raises(Invalid) as caught:
        parse_fields("name,dimensions..width")
    assert [e.field for e in caught.value.errors] == ["query.fields"]


def test_empty_clauses_are_ignored():
    assert parse_filter("") == [] and parse_filter(";; ;") == []
    assert parse_filter("a:eq:1;") == [Clause(data("a"), "eq", 1)]


def test_projection_keeps_dotted_paths_nested():
    document = {"name": "x", "dimensions": {"width": 2, "height": 3}, "price": 1, "id": "d"}
    fields = parse_fields("name, dimensions.width,absent,name.deeper,data.id,metadata.source")
    assert project(document, fields) == {"name": "x", "dimensions": {"width": 2}, "id": "d"}
    whole = parse_fields("dimensions.width,dimensions")
    assert project(document, whole) == {"dimensions": {"width": 2, "height": 3}}
    assert document["dimensions"] == {"width": 2, "height": 3}  # the input is left alone
    assert project(document, parse_fields("created_at")) == {}


def test_reference_types_never_mix():
    record = {**WIDGET, "data": {"n": 1, "s": "1", "b": True, "z": None, "l": [1, "a", None]}}

    def holds(text: str) -> bool:
        return matches(record, parse_filter(text))

    assert holds("n:eq:1.0") and holds("n:in:true,1") and not holds("n:eq:true")
    assert holds('s:eq:"1"') and not holds("s:eq:1") and not holds("s:gt:0")
    assert holds("b:eq:true") and holds("b:ne:false") and not holds("b:eq:1")
    assert not holds("b:gt:false") and not holds("b:ne:1")
    assert holds("z:eq:null") and not holds("z:ne:null") and not holds("z:ne:1")
    assert not holds("missing:ne:1") and not holds("missing:eq:null")
    assert holds("l:contains:1") and holds("l:contains:A") is False and holds("l:contains:null")
    assert not holds("l:eq:1") and not holds("n:contains:1") and not holds("s:contains:1")
    assert holds('s:contains:"1"')
    assert holds("id:contains:ABC") and not holds("id:eq:1") and holds("collection:lt:q")


def test_contains_folds_ascii_case_only_and_takes_wildcards_literally():
    record = {**WIDGET, "data": {"s": "Crème 100%_x", "u": "ÉCOLE"}}
    assert matches(record, parse_filter("s:contains:CRè"))
    assert not matches(record, parse_filter("s:contains:CRÈME"))  # È is not folded
    assert matches(record, parse_filter("s:contains:0%_"))
    assert not matches(record, parse_filter("s:contains:0%x"))
    assert not matches(record, parse_filter("s:contains:CREME"))
    assert not matches(record, parse_filter("u:contains:école"))  # É is not folded


def test_sort_key_orders_types_then_values_with_missing_last():
    values = [None, False, True, -1, 0.5, 2, "B", "a", "é", [1], {"k": 1}]
    records = [{**WIDGET, "id": f"r{i}", "data": {"v": v}} for i, v in enumerate(values)]
    lacking = {**WIDGET, "id": "r_missing", "data": {}}
    ranked = sorted([lacking, *reversed(records)], key=lambda r: sort_key(r, data("v")))
    assert [r["data"].get("v", "missing") for r in ranked] == [*values, "missing"]
    assert sort_key(WIDGET, Field("record", ("expires_at",)))[0] == 1


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_values_reach_sql_only_as_bound_parameters(dialect):
    from sqlalchemy.dialects import postgresql, sqlite

    from storage.repositories.record_query import condition, order_by

    hostile = "x'); DROP TABLE records; --"
    engine_dialect = postgresql.dialect() if dialect == "postgresql" else sqlite.dialect()
    quoted = hostile.replace(";", "\\;")
    text = f"name:eq:{quoted};tags:contains:{quoted};id:in:{quoted},b;a.b:contains:{quoted}"
    for clause in parse_filter(text):
        compiled = condition(clause, dialect).compile(dialect=engine_dialect)
        assert "DROP" not in str(compiled)
        assert hostile in compiled.params.values() or any(
            hostile in str(v) for v in compiled.params.values()
        )
    terms = order_by(parse_field("a-b.c", param="sort"), "desc", dialect)
    assert all("a-b" not in str(t.compile(dialect=engine_dialect)) for t in terms)
