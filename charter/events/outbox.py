"""The transactional outbox: an event row written in the same transaction as the change it
announces, so an event is never sent for a change that rolled back, nor lost for one that
committed. Webhooks and the event stream read it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform.clock import new_id, utcnow
from storage.models import OutboxEvent
from storage.repositories.common import add


async def enqueue(
    session: AsyncSession,
    *,
    event_type: str,
    organization_id: str | None,
    payload: dict[str, Any],
    livemode: bool = True,
) -> None:
    """Queue an event in the caller's transaction."""
    await add(
        session,
        OutboxEvent(
            event_id=new_id("evt"),
            organization_id=organization_id,
            livemode=livemode,
            event_type=event_type,
            payload=payload,
            created_at=utcnow(),
            published_at=None,
        ),
    )
