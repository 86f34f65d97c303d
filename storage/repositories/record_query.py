"""Seed 000's filter language as SQL over JSON records, the same answers on SQLite and PostgreSQL.

The clauses come parsed and typed (charter/data/filters.py, which also holds the same rules in
plain Python, `matches` and `sort_key`, that tests/data/test_filter_properties.py holds this
module to). Each clause becomes a condition over `records.data`, `records.metadata` or a record
column. Path segments are validated identifiers (letters, digits, `_`, `-`), quoted inside the
SQLite JSON path or passed as a bound text array on PostgreSQL; every value is a bound parameter.

The rules:

- A value matches only a field of its own JSON type: numbers by value (1 == 1.0, compared as
  numbers), strings by code point on both databases (PostgreSQL with COLLATE "C"), booleans are
  not numbers. A record without the field never matches, `ne` included: `ne` means "present, of
  the value's type, and different", so `ne null` never matches.
- `eq null` means "present and JSON null". `gt`/`gte`/`lt`/`lte` order numbers, strings and
  record times; on booleans and null they never match. A scalar value never equals an array or
  an object (values are scalars, so `eq` on an array field never matches; use `contains`).
- `contains` is a substring match on strings, case-insensitive for ASCII letters only (SQLite's
  lower() folds only those, so PostgreSQL folds only those too, with `%`, `_` and `\\` in the
  value matched literally), and an element match on arrays (the element must equal the value
  under the rules above); on anything else it never matches.
- `in` is `eq` on any of its values.
- Numbers compare as numbers: SQLite's integer/real, PostgreSQL's numeric (against a float
  value, as double precision), which agree except beyond 15 significant digits.
- Record fields: `id` and `collection` are strings, `created_at`, `updated_at` and `expires_at`
  times (`expires_at` is absent when the record never expires).
- A path segment never indexes an array: `tags.0` is the key "0" of an object (PostgreSQL's `#>`
  would index arrays, so numeric segments are guarded to object parents).

Sorting a data or metadata field orders by JSON type first, then value: null < false < true <
numbers < strings < arrays < objects (arrays and objects are not ordered among themselves).
Records lacking the field come last in both directions; ties are broken by id in the sort's
direction. Record time fields sort by time (a missing `expires_at` last), `id` and `collection`
by code point.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Numeric,
    String,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from storage.models import Record
from storage.repositories.common import like_ascii

RECORD_COLUMNS = ("id", "collection", "created_at", "updated_at", "expires_at")
TIME_COLUMNS = ("created_at", "updated_at", "expires_at")
OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "contains")
MISSING_RANK = 9
# PostgreSQL's `#>` reads a segment that parses as an integer as an array index.
_INDEX_LIKE = re.compile(r"^-?[0-9]+$")
_SQLITE_TYPES = {
    "null": ("null",),
    "boolean": ("true", "false"),
    "number": ("integer", "real"),
    "string": ("text",),
    "array": ("array",),
    "object": ("object",),
}


@dataclass(frozen=True)
class Field:
    target: str  # "data" | "metadata" | "record"
    path: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    field: Field
    op: str  # eq ne gt gte lt lte in contains
    value: Any  # None | bool | int | float | str | datetime; a list for `in`


def kind(value: Any) -> str:
    """The JSON type of a Python value: null, boolean, number, string, array or object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def condition(clause: Clause, dialect: str) -> ColumnElement[bool]:
    """The clause as a condition over `Record`; true only where the clause holds (never NULL
    for a record the clause does not match, so the conditions may be AND-ed freely)."""
    if clause.op not in OPERATORS:
        raise ValueError(f"unknown operator {clause.op!r}")
    if clause.op == "in":
        values = clause.value if isinstance(clause.value, list) else [clause.value]
        parts = [condition(Clause(clause.field, "eq", v), dialect) for v in values]
        return or_(*parts) if parts else false()
    if clause.field.target == "record":
        return _column_condition(clause, dialect)
    return _Document(clause.field, dialect).condition(clause.op, clause.value)


def order_by(field: Field, order: str, dialect: str) -> list[ColumnElement[Any]]:
    """ORDER BY terms for `field` in `order` ("asc" or "desc"), ending with the id tiebreak."""
    descending = order == "desc"

    def direct(column: Any) -> Any:
        return column.desc() if descending else column.asc()

    if field.target == "record":
        column = direct(_record_column(field.path[0], dialect))
        if field.path[0] == "expires_at":  # the only nullable one; NULLS LAST would keep the
            column = column.nulls_last()  # others from reading ix_records_collection_created
        return [column, direct(Record.id)]
    doc = _Document(field, dialect)
    rank = doc.rank()
    return [
        (rank == MISSING_RANK).asc(),
        direct(rank),
        direct(doc.number()),
        direct(doc.string()),
        direct(Record.id),
    ]


def _record_column(name: str, dialect: str) -> Any:
    column = getattr(Record, name)
    if name not in TIME_COLUMNS and dialect == "postgresql":
        return column.collate("C")
    return column


def _column_condition(clause: Clause, dialect: str) -> ColumnElement[bool]:
    name, value, op = clause.field.path[0], clause.value, clause.op
    is_time = name in TIME_COLUMNS
    if is_time != isinstance(value, datetime) or (not is_time and not isinstance(value, str)):
        return false()  # a value of another type than the column's never matches
    column = _record_column(name, dialect)
    present = getattr(Record, name).is_not(None)
    if op == "contains":
        return false() if is_time else and_(present, like_ascii(column, value, dialect))
    return and_(present, _compare(column, op, value))


RANGE_OPS = ("gt", "gte", "lt", "lte")
RANGE_LIKELIHOOD = "0.05"  # written inline: SQLite wants a constant


def _compare(left: Any, op: str, value: Any) -> ColumnElement[bool]:
    operators: dict[str, Callable[[Any, Any], ColumnElement[bool]]] = {
        "eq": operator.eq,
        "ne": operator.ne,
        "gt": operator.gt,
        "gte": operator.ge,
        "lt": operator.lt,
        "lte": operator.le,
    }
    return operators[op](left, value)


def _inline_names(names: tuple[str, ...]) -> list[Any]:
    """SQLite type names written inline (see `_Document.json_path`)."""
    return [literal_column(f"'{name}'") for name in names]


def _pg_path(segments: tuple[str, ...]) -> Any:
    return cast(literal(list(segments)), ARRAY(String))


class _Document:
    """One path into `data` or `metadata`, as the SQL of one dialect sees it."""

    def __init__(self, field: Field, dialect: str) -> None:
        self.pg = dialect == "postgresql"
        self.column = Record.data if field.target == "data" else Record.meta
        self.path = field.path
        if self.pg:
            self.node = self._pg_guarded(self.column.op("#>")(_pg_path(self.path)))
            self.text = self._pg_guarded(self.column.op("#>>")(_pg_path(self.path)))
            self.typeof = func.jsonb_typeof(self.node)
        else:
            json_path = "$" + "".join(f'."{segment}"' for segment in self.path)
            # Inline, not a bound parameter: SQLite matches an expression index only against
            # the same expression with the same constants (segments are validated identifiers).
            self.json_path = literal(json_path, literal_execute=True)
            self.node = func.json_extract(self.column, self.json_path)
            self.typeof = func.json_type(self.column, self.json_path)

    def _pg_guarded(self, extracted: Any) -> Any:
        """`extracted`, or NULL where an index-like segment would index an array: such a
        segment must find an object as its parent (a key, as on SQLite and in Python)."""
        guards = []
        for depth, segment in enumerate(self.path):
            if _INDEX_LIKE.match(segment):
                parent = self.column.op("#>")(_pg_path(self.path[:depth]))
                guards.append(func.jsonb_typeof(parent) == "object")
        return case((and_(*guards), extracted), else_=None) if guards else extracted

    def is_kind(self, value_kind: str) -> ColumnElement[bool]:
        """The node is of this JSON kind (false, not NULL, where the path is absent)."""
        if self.pg:
            return func.coalesce(self.typeof == value_kind, False)
        return func.coalesce(self.typeof.in_(_SQLITE_TYPES[value_kind]), False)

    def number(self) -> Any:
        if self.pg:
            return case((self.typeof == "number", cast(self.text, Numeric)), else_=None)
        return case(
            (self.typeof.in_(_inline_names(_SQLITE_TYPES["number"])), self.node), else_=None
        )

    def string(self) -> Any:
        if self.pg:
            return case((self.typeof == "string", self.text), else_=None).collate("C")
        return case((self.typeof == literal_column("'text'"), self.node), else_=None)

    def rank(self) -> Any:
        """The JSON type's place in the sort order; MISSING_RANK where the path is absent."""
        if self.pg:
            return case(
                (self.typeof == "null", 0),
                (and_(self.typeof == "boolean", self.text == "false"), 1),
                (self.typeof == "boolean", 2),
                (self.typeof == "number", 3),
                (self.typeof == "string", 4),
                (self.typeof == "array", 5),
                (self.typeof == "object", 6),
                else_=MISSING_RANK,
            )
        return case(
            (self.typeof == "null", 0),
            (self.typeof == "false", 1),
            (self.typeof == "true", 2),
            (self.typeof.in_(_SQLITE_TYPES["number"]), 3),
            (self.typeof == "text", 4),
            (self.typeof == "array", 5),
            (self.typeof == "object", 6),
            else_=MISSING_RANK,
        )

    def condition(self, op: str, value: Any) -> ColumnElement[bool]:
        value_kind = kind(value)
        if op == "contains":
            return or_(self._contains_text(value), self._contains_element(value))
        if value_kind in ("null", "boolean"):
            return self._equality_only(op, value)
        if value_kind not in ("number", "string"):
            return false()
        left = self.number() if value_kind == "number" else self.string()
        if self.pg and isinstance(value, float):
            value = literal(Decimal(repr(value)), Numeric)  # numeric, as the indexed expression
        # No COALESCE around the comparison: is_kind is false wherever `left` is NULL, so the
        # AND is never NULL, and `<expression> <op> <value>` is what a declared index serves.
        compared = _compare(left, op, value)
        if not self.pg and op in RANGE_OPS:
            # SQLite without STAT4 guesses a range keeps a quarter of the rows and would rather
            # read the created_at index in order; a filter is usually narrower. likelihood() is
            # a planner hint only (the value is unchanged) and leaves the term indexable.
            compared = func.likelihood(compared, literal_column(RANGE_LIKELIHOOD))
        return and_(self.is_kind(value_kind), compared)

    def _equality_only(self, op: str, value: Any) -> ColumnElement[bool]:
        """null and booleans: eq and ne only; never ordered."""
        if op not in ("eq", "ne"):
            return false()
        if value is None:
            return self.is_kind("null") if op == "eq" else false()
        wanted = value if op == "eq" else not value
        if self.pg:
            return and_(self.is_kind("boolean"), self.text == json.dumps(wanted))
        return func.coalesce(self.typeof == ("true" if wanted else "false"), False)

    def _contains_text(self, value: Any) -> ColumnElement[bool]:
        if not isinstance(value, str):
            return false()
        dialect = "postgresql" if self.pg else "sqlite"
        return and_(self.is_kind("string"), like_ascii(self.string(), value, dialect))

    def _contains_element(self, value: Any) -> ColumnElement[bool]:
        value_kind = kind(value)
        if value_kind in ("array", "object"):
            return false()
        if self.pg:
            # Only ever expand an array: jsonb_array_elements raises on anything else, and
            # PostgreSQL does not promise to test the AND's left side first.
            array = case((self.typeof == "array", self.node), else_=cast(literal("[]"), JSONB))
            element = func.jsonb_array_elements(array).table_valued("value").alias("element")
            match = element.c.value == cast(literal(json.dumps(value)), JSONB)
            return and_(self.is_kind("array"), exists(select(1).select_from(element).where(match)))
        element = (
            func.json_each(self.column, self.json_path)
            .table_valued("type", "atom")
            .alias("element")
        )
        types = {
            "null": ("null",),
            "boolean": ("true",) if value else ("false",),
            "number": _SQLITE_TYPES["number"],
            "string": ("text",),
        }[value_kind]
        match = element.c.type.in_(types)
        if value_kind in ("number", "string"):
            match = and_(match, element.c.atom == value)
        return and_(self.is_kind("array"), exists(select(1).select_from(element).where(match)))
