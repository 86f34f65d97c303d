"""Seed 000's filter language, parsed and typed; field names for `sort` and `fields`; and the
reference semantics in plain Python (`matches`, `sort_key`), which the SQL engine
(storage/repositories/record_query.py, whose docstring states the matching and sorting rules) is
held to by tests/data/test_filter_properties.py.

Syntax: `field:op:value` clauses joined by `;` (all must hold), at most 20. A clause splits at
its first two `:` only, so values may hold colons (`created_at:gt:2024-02-07T10:30:00Z`). A
backslash escapes `;`, `,` and `\\` inside values (any other backslash is kept as it is). `in`
takes a comma list (at most 100 values), each value typed on its own.

Values are typed as JSON reads them: `10`, `-2.5`, `1e3` numbers (JSON's number grammar: `01`,
`+1` and `.5` are strings; integers beyond 64 bits become floats; `1e999` is refused), `true` and
`false` booleans, `null`, anything else a string; a quoted value (`"10"`) is always a string, the
quotes removed. The empty value is the empty string.

Names: `id`, `collection`, `created_at`, `updated_at` and `expires_at` are the record's own
fields; any other name is a dotted path into `data` (`dimensions.width`); the prefixes `data.`
and `metadata.` reach `data` keys those names would hide and `metadata`. Segments are 1-64
letters, digits, `_` or `-`, at most 8 deep. Values for the time fields must be RFC 3339 times
(`2024-02-07T10:30:00Z`; without an offset, UTC), else the clause is refused, as is `contains` on
a time. Every refusal is `Invalid` on `query.filter` (`query.sort`, `query.fields` for those
parameters) naming the offending clause: schema-valid input that breaks a rule, so 400
INVALID_REQUEST on /v2 (seed 000) and 422 on /v1, like the platform's other such errors.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any

from charter.platform.errors import Invalid
from storage.repositories.record_query import RECORD_COLUMNS, Clause, Field, kind

OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "contains")
TIME_FIELDS = ("created_at", "updated_at", "expires_at")
SEGMENT = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
NUMBER = re.compile(r"^-?(0|[1-9][0-9]{0,30})(\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?$")
RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?$"
)
MAX_CLAUSES = 20
MAX_DEPTH = 8
MAX_IN = 100
MAX_INTEGER = 2**63 - 1
RANKS = {"null": 0, "number": 3, "string": 4, "array": 5, "object": 6}
MISSING = object()
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _split(text: str, separator: str) -> list[str]:
    """Split at separators a backslash does not escape; escapes stay for `_unescape`."""
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\([;,\\])", r"\1", text)


def parse_field(name: str, *, param: str) -> Field:
    where = f"query.{param}"
    if name in RECORD_COLUMNS:
        return Field("record", (name,))
    target, rest = "data", name
    for prefix in ("data.", "metadata."):
        if name.startswith(prefix):
            target, rest = prefix[:-1], name[len(prefix) :]
    segments = tuple(rest.split("."))
    if len(segments) > MAX_DEPTH or not all(SEGMENT.match(s) for s in segments):
        raise Invalid(
            f"{name!r} is not a field name: dotted segments of letters, digits, '_' or '-', "
            f"at most {MAX_DEPTH} deep",
            field=where,
        )
    return Field(target, segments)


def parse_fields(text: str) -> list[Field]:
    return [parse_field(name.strip(), param="fields") for name in text.split(",") if name.strip()]


def _typed(raw: str, clause: str) -> Any:
    """The value as JSON reads it; a quoted value is a string whatever it holds."""
    if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
        return raw[1:-1]
    if raw == "null":
        return None
    if raw in ("true", "false"):
        return raw == "true"
    if not NUMBER.match(raw):
        return raw
    if re.match(r"^-?[0-9]+$", raw) and abs(int(raw)) <= MAX_INTEGER:
        return int(raw)
    number = float(raw)  # beyond 64 bits an integer compares as a float, as SQLite reads it
    if not math.isfinite(number):
        raise Invalid(f"Clause {clause!r}: {raw} is out of range", field="query.filter")
    return number


def _time(raw: str, clause: str) -> datetime:
    """An RFC 3339 date-time (`2024-02-07T10:30:00Z`; without an offset, UTC), in UTC."""
    parsed = None
    if RFC3339.match(raw):
        try:
            parsed = datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
            parsed = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except (ValueError, OverflowError):
            parsed = None
    if parsed is None:
        raise Invalid(f"Clause {clause!r}: {raw!r} is not an RFC 3339 time", field="query.filter")
    return parsed


def clause_texts(text: str) -> list[str]:
    """The filter's clauses as written, in the order `parse_filter` returns them."""
    return [p for p in _split(text, ";") if p.strip()]


def parse_filter(text: str) -> list[Clause]:
    if "\x00" in text:
        raise Invalid("The filter must not contain NUL characters", field="query.filter")
    clauses = []
    pieces = clause_texts(text)
    if len(pieces) > MAX_CLAUSES:
        raise Invalid(f"At most {MAX_CLAUSES} clauses", field="query.filter")
    for piece in pieces:
        clauses.append(_clause(piece))
    return clauses


def _clause(piece: str) -> Clause:
    parts = piece.split(":", 2)
    if len(parts) != 3 or not parts[0]:
        raise Invalid(f"Clause {piece!r} is not field:op:value", field="query.filter")
    name, op, raw = parts
    if op not in OPS:
        raise Invalid(
            f"Clause {piece!r}: unknown operator {op!r} (one of {', '.join(OPS)})",
            field="query.filter",
        )
    try:
        field = parse_field(name, param="filter")
    except Invalid as error:
        raise Invalid(f"Clause {piece!r}: {error.message}", field="query.filter") from None
    is_time = field.target == "record" and field.path[0] in TIME_FIELDS
    if op == "in":
        items = _split(raw, ",")
        if len(items) > MAX_IN:
            raise Invalid(f"Clause {piece!r}: at most {MAX_IN} values", field="query.filter")
        values: Any = [
            _time(_unescape(i), piece) if is_time else _typed(_unescape(i), piece) for i in items
        ]
    else:
        value = _unescape(raw)
        if is_time and op == "contains":
            raise Invalid(f"Clause {piece!r}: times take no 'contains'", field="query.filter")
        values = _time(value, piece) if is_time else _typed(value, piece)
    return Clause(field, op, values)


def project(data: dict[str, Any], fields: list[Field]) -> dict[str, Any]:
    """Keep only the named data paths (nested as they were; absent ones left out). Other
    targets are ignored, and a path under another named path adds nothing to it."""
    paths = {field.path for field in fields if field.target == "data"}
    kept: dict[str, Any] = {}
    for field in fields:
        if field.target != "data" or any(
            field.path[:n] in paths for n in range(1, len(field.path))
        ):
            continue
        value = _lookup(data, field.path)
        if value is MISSING:
            continue
        node = kept
        for segment in field.path[:-1]:
            node = node.setdefault(segment, {})
        node[field.path[-1]] = value
    return kept


# The reference semantics ------------------------------------------------------------------------


def _lookup(document: Any, path: tuple[str, ...]) -> Any:
    for segment in path:
        if not isinstance(document, dict) or segment not in document:
            return MISSING
        document = document[segment]
    return document


def _value_of(record: dict[str, Any], field: Field) -> Any:
    if field.target == "record":
        value = record.get(field.path[0])
        return MISSING if value is None else value
    return _lookup(record.get(field.target) or {}, field.path)


def _same_kind(a: Any, b: Any) -> bool:
    if isinstance(a, datetime) or isinstance(b, datetime):
        return isinstance(a, datetime) and isinstance(b, datetime)
    return kind(a) == kind(b)


def _holds(field_value: Any, op: str, value: Any) -> bool:
    if op == "in":
        return any(_holds(field_value, "eq", v) for v in value)
    if op == "contains":
        if isinstance(field_value, str) and isinstance(value, str):
            return value.translate(_ASCII_LOWER) in field_value.translate(_ASCII_LOWER)
        if isinstance(field_value, list) and kind(value) not in ("array", "object"):
            return any(_holds(element, "eq", value) for element in field_value)
        return False
    if not _same_kind(field_value, value):
        return False
    if op in ("eq", "ne"):
        equal = field_value == value
        return equal if op == "eq" else not equal
    if kind(value) in ("null", "boolean") and not isinstance(value, datetime):
        return False
    ordered: bool = {
        "gt": field_value > value,
        "gte": field_value >= value,
        "lt": field_value < value,
        "lte": field_value <= value,
    }[op]
    return ordered


def matches(record: dict[str, Any], clauses: list[Clause]) -> bool:
    for clause in clauses:
        field_value = _value_of(record, clause.field)
        if field_value is MISSING or not _holds(field_value, clause.op, clause.value):
            return False
    return True


def sort_key(record: dict[str, Any], field: Field) -> tuple[Any, ...]:
    """(missing, type rank, value) in ascending order; records lacking the field come last in
    either direction, which the caller applies when it reverses."""
    value = _value_of(record, field)
    if value is MISSING:
        return (1, 9, 0)
    if field.target == "record":
        return (0, 0, value)
    if isinstance(value, bool):
        return (0, 2 if value else 1, 0)
    rank = RANKS[kind(value)]
    return (0, rank, value if rank in (3, 4) else 0)
