"""Helpers every repository shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import ColumnElement, func
from sqlalchemy.ext.asyncio import AsyncSession

if TYPE_CHECKING:
    from sqlalchemy.engine import CursorResult, Result

_Row = TypeVar("_Row")


async def add(session: AsyncSession, row: _Row) -> _Row:
    """Stage a new row; it is written with the unit's next flush (a query or the commit), so
    a change and its audit and outbox rows go to the database in one flush."""
    session.add(row)
    return row


def rowcount(result: Result[*tuple[Any, ...]]) -> int:
    """Rows an UPDATE or DELETE matched.

    SQLAlchemy returns a `CursorResult` for DML, but `AsyncSession.execute` is typed as `Result`.
    """
    return cast("CursorResult[*tuple[Any, ...]]", result).rowcount


def ordering(model: Any, sort: str, order: str) -> list[ColumnElement[Any]]:
    """ORDER BY for a list: the field (empty values last, on SQLite and PostgreSQL alike), then
    the id in the same direction, so pages never overlap or skip. `sort` is one of the spec's
    enum values for the list (validated before it gets here)."""
    column, key = getattr(model, sort), model.id
    if order == "asc":
        return [column.asc().nulls_last(), key.asc()]
    return [column.desc().nulls_last(), key.desc()]


UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"


def like_ascii(
    text: Any, needle: str, dialect: str, *, prefix: bool = False
) -> ColumnElement[bool]:
    """`needle` inside `text` (at its start with `prefix`), taken literally (`%`, `_`, `\\`) and
    case-insensitive for ASCII letters only: SQLite's lower() folds only those, so PostgreSQL
    folds only those too (translate, not its Unicode lower()), and both answer alike."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = ("" if prefix else "%") + escaped.translate(str.maketrans(UPPER, LOWER)) + "%"
    folded = func.translate(text, UPPER, LOWER) if dialect == "postgresql" else func.lower(text)
    return folded.like(pattern, escape="\\")
