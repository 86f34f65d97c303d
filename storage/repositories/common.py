"""Helpers every repository shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession


async def add(session: AsyncSession, row: Any) -> Any:
    session.add(row)
    await session.flush()
    return row
