"""Helpers every repository shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import ColumnElement
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
