"""Keyset pagination over record_query's one cross-database sort order.

A page ends at a record; the next page starts right after it. `SortKey.values` are the SQL
expressions of the sort, selected with each row so the last row's key comes back as the
database computed it (numbers exactly: PostgreSQL's numeric as a Decimal); `SortKey.after` is
the condition "sorts after this key", the same order `record_query.order_by` gives, written so
the database reads it off an index where the ORDER BY can (a record time or id: `created_at <=
:t AND (created_at < :t OR id < :id)`, a range on `ix_records_collection_created`).

The key of a record column is `[value]` (a time, a string, or null for a missing
`expires_at`); the key of a data or metadata field is `[rank, number, string]`, the JSON type's
place in the order (record_query.MISSING_RANK when the field is absent) and the value where the
type is ordered by value (numbers, strings; null otherwise). Each key ends with the record's id,
the tiebreak, compared as the ORDER BY compares it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Numeric, and_, literal, or_

from storage.models import Record
from storage.repositories.record_query import (
    MISSING_RANK,
    Field,
    _Document,
    _record_column,
    order_by,
)

NUMBER_RANK, STRING_RANK = 3, 4


@dataclass(frozen=True)
class SortKey:
    field: Field
    order: str  # "asc" | "desc"
    dialect: str

    @property
    def descending(self) -> bool:
        return self.order == "desc"

    def order_by(self) -> list[ColumnElement[Any]]:
        return order_by(self.field, self.order, self.dialect)

    def values(self) -> list[Any]:
        """The expressions whose values, with the id, make a row's key."""
        if self.field.target == "record":
            return [_record_column(self.field.path[0], self.dialect)]
        doc = _Document(self.field, self.dialect)
        return [doc.rank(), doc.number(), doc.string()]

    def arity(self) -> int:
        return 1 if self.field.target == "record" else 3

    def after(self, key: list[Any], last_id: str) -> ColumnElement[bool]:
        """Rows that sort after the row whose key is `key` and id `last_id`."""
        if self.field.target == "record":
            return self._after_column(key[0], last_id)
        return self._after_document(key, last_id)

    def _beyond(self, left: Any, right: Any) -> ColumnElement[bool]:
        return left < right if self.descending else left > right  # type: ignore[no-any-return]

    def _not_before(self, left: Any, right: Any) -> ColumnElement[bool]:
        return left <= right if self.descending else left >= right  # type: ignore[no-any-return]

    def _after_column(self, value: Any, last_id: str) -> ColumnElement[bool]:
        name = self.field.path[0]
        column = _record_column(name, self.dialect)
        if name == "id":
            return self._beyond(column, value)
        # expires_at is the only nullable column: records that never expire come last in both
        # directions.
        missing = Record.expires_at.is_(None)
        if name == "expires_at" and value is None:
            return and_(missing, self._beyond(Record.id, last_id))
        later = and_(
            self._not_before(column, value),
            or_(self._beyond(column, value), self._beyond(Record.id, last_id)),
        )
        return or_(missing, later) if name == "expires_at" else later

    def _after_document(self, key: list[Any], last_id: str) -> ColumnElement[bool]:
        rank, number, string = key
        doc = _Document(self.field, self.dialect)
        rank_expr = doc.rank()
        if rank == MISSING_RANK:
            return and_(rank_expr == MISSING_RANK, self._beyond(Record.id, last_id))
        later_rank = or_(rank_expr < rank, rank_expr == MISSING_RANK)
        if not self.descending:
            later_rank = rank_expr > rank  # MISSING_RANK is the largest rank
        tie = self._beyond(Record.id, last_id)
        if rank == NUMBER_RANK:
            bound = self._number(number)
            tie = or_(self._beyond(doc.number(), bound), and_(doc.number() == bound, tie))
        elif rank == STRING_RANK:
            tie = or_(self._beyond(doc.string(), string), and_(doc.string() == string, tie))
        return or_(later_rank, and_(rank_expr == rank, tie))

    def _number(self, value: Any) -> Any:
        if self.dialect == "postgresql":
            return literal(Decimal(str(value)), Numeric)
        return value
