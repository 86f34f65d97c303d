"""Helpers every repository shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

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
