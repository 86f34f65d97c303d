"""Idempotency records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession as Session

from storage.models import (
    IdempotencyRecord,
)
from storage.repositories.common import rowcount


async def get_idempotency(session: Session, principal: str, key: str) -> IdempotencyRecord | None:
    return await session.get(IdempotencyRecord, (principal, key))


async def delete_idempotency(session: Session, principal: str, key: str) -> None:
    await session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
        )
    )


async def delete_expired_idempotency(session: Session, now: datetime) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.expires_at < now)
    )
    return rowcount(result) or 0
