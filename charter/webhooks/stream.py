"""The event stream (GET /v2/events, issue 9): the events webhooks deliver, as Server-Sent
Events, for clients that cannot receive webhooks.

A stream sees its caller's organization and mode, and only the events whose scope the caller
holds (`catalog.EventType.scope`, as for subscribing a webhook to them). Each event is the
webhook message `{id, event, timestamp, data}` (without a signature: the connection is the
caller's own, authenticated one) under `id: <event id>` and `event: <type>`.

Positions: the outbox's autoincrement id orders events in commit order (see stream_poller). A
client resumes with the last id it got (`Last-Event-ID`): an event id, or the position marker
(`cur_...`) a stream sends once it has caught up, so a client that got no event still holds a
place to resume from. Either resumes exactly (no event twice, none left out) while the events
after it are in the outbox: CHARTER_EVENTS_RETENTION_DAYS after their publication. An id that
is unknown, another organization's, or older than that is refused (400, naming it).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from datetime import datetime, timedelta

import anyio
from cryptography.fernet import InvalidToken
from sqlalchemy.ext.asyncio import AsyncSession

from charter.identity.principals import Actor, Principal, resolve
from charter.platform import crypto, runtime
from charter.platform.errors import Malformed, PermissionDenied, RateLimited
from charter.webhooks import catalog
from charter.webhooks.endpoints import check_collections
from charter.webhooks.stream_poller import Selection, StreamEvent, Subscriber, poller, prepare
from charter.webhooks.stream_slots import slots
from storage.repositories import outbox as repo

RETRY_MS = 3000  # the `retry:` hint: how long an EventSource waits before it reconnects
BACKLOG_WINDOW = 5000  # positions scanned per query while catching up
BACKLOG_PAGE = 500
PURGE_BATCH = 5000
MARKER = "cur_"
ID = re.compile(r"[A-Za-z0-9_=-]{1,512}")  # event ids and markers (Fernet tokens: base64url)


def _resume_field(source: str) -> str:
    return "query.last_event_id" if source == "query" else "header.Last-Event-ID"


def event_types(principal: Principal, requested: list[str] | None) -> frozenset[str]:
    """The events a stream carries: those requested (each catalogued, 400 otherwise, and
    readable by the caller, 403 otherwise), or every event the caller's scopes read."""
    if requested is None:
        readable = {
            name for name, event in catalog.EVENTS.items() if principal.has_scopes((event.scope,))
        }
        if not readable:
            scopes = sorted(set(catalog.SCOPES.values()))
            raise PermissionDenied(
                "These credentials read no event: streaming needs one of " + ", ".join(scopes)
            )
        return frozenset(readable)
    if not requested:
        raise Malformed("Name at least one event", field="query.events")
    for index, name in enumerate(requested):
        if name not in catalog.EVENTS:
            raise Malformed(f"Unknown event {name!r}", field=f"query.events.{index}")
        scope = catalog.EVENTS[name].scope
        if not principal.has_scopes((scope,)):
            raise PermissionDenied(f"Streaming {name!r} (query.events.{index}) needs {scope}")
    return frozenset(requested)


def marker(principal: Principal, position: int) -> str:
    """A position as an opaque id, bound to the caller's organization and mode (encrypted:
    positions count every organization's events)."""
    plain = f"{principal.organization_id}|{int(principal.livemode)}|{position}"
    return MARKER + crypto.encrypt(plain)


async def resume_position(
    session: AsyncSession, principal: Principal, last_id: str, source: str
) -> int:
    """The position after which a stream resumes from `last_id`. One that is not (or no longer)
    in the outbox is 400 (seed 000 binds INVALID_REQUEST to 400) naming where the id came from:
    the client reads the current state and reconnects without an id."""
    gone = Malformed(
        f"Cannot resume after {last_id[:80]!r}: unknown, or older than the events kept "
        "(CHARTER_EVENTS_RETENTION_DAYS); read the current state and reconnect without it",
        field=_resume_field(source),
    )
    if not ID.fullmatch(last_id):
        raise gone
    if last_id.startswith(MARKER):
        try:
            organization_id, livemode, number = crypto.decrypt(last_id[len(MARKER) :]).split("|")
            position = int(number)
        except (InvalidToken, ValueError, TypeError):
            raise gone from None
        if (organization_id, livemode) != (principal.organization_id, str(int(principal.livemode))):
            raise gone
        oldest = await repo.oldest_position(session)
        # Kept events are a suffix of the positions: none after this one went if the oldest
        # kept one is at most the next position.
        if oldest is not None and position < oldest - 1:
            raise gone
        return position
    event = await repo.find_event(session, last_id)
    if (
        event is None
        or event.organization_id != principal.organization_id
        or event.livemode != principal.livemode
    ):
        raise gone
    return event.id


def _heartbeat() -> bytes:
    return b": ping\n\n"


@dataclass(eq=False)
class EventStream:
    """An open stream: its slot and its subscription are held until `close`."""

    principal: Principal
    credential: str
    selection: Selection
    subscriber: Subscriber
    after: int | None  # resume after this position: (after, floor] comes from the database
    floor: int
    until: float  # time.monotonic() at which the response ends (max_wait)
    deadline: float  # time.monotonic() by which it must have ended, catching up included
    slot: str
    closed: bool = False

    async def frames(self) -> AsyncGenerator[bytes, None]:
        """The response body: the retry hint, the events to catch up on, a position marker,
        then events as they commit, a heartbeat comment when nothing else was sent, until
        `until`, the credential stops being valid, or the stream falls too far behind."""
        beat = runtime.current().settings.events_heartbeat_seconds
        yield f"retry: {RETRY_MS}\n\n".encode()
        position = self.floor
        if self.after is not None and self.after < self.floor:
            position = self.after
            async for chunk, reached in self._backlog(beat):
                position = reached
                if chunk:
                    yield chunk
        # Everything up to here has been sent: a client that got no event can resume from it.
        yield f"id: {marker(self.principal, position)}\n\n".encode()
        if position < self.floor:
            return  # caught up only part of the way before the deadline; the client resumes
        next_beat = time.monotonic() + beat
        while not self.subscriber.overflowed:
            events = self.subscriber.take()
            if events:
                yield b"".join(event.frame for event in events)
                next_beat = time.monotonic() + beat
            now = time.monotonic()
            if now >= self.until:
                return
            if now >= next_beat:
                if not await self._still_allowed():
                    return
                yield _heartbeat()
                next_beat = now + beat
            with contextlib.suppress(TimeoutError):
                wait = min(self.until, next_beat) - now
                await asyncio.wait_for(self.subscriber.wake.wait(), timeout=max(0.0, wait))

    async def _backlog(self, beat: float) -> AsyncGenerator[tuple[bytes, int], None]:
        """Events in (after, floor] from the outbox, a window of positions per query: per window
        its frames (or a heartbeat, or nothing) and the position sent up to. Stops early at
        `deadline`."""
        assert self.after is not None
        db = runtime.current().db
        types = sorted(self.selection.event_types)
        position = self.after
        last_sent = time.monotonic()
        while position < self.floor and time.monotonic() < self.deadline:
            upto = min(position + BACKLOG_WINDOW, self.floor)
            async with db.read() as session:
                rows = await repo.organization_events(
                    session,
                    organization_id=self.selection.organization_id,
                    livemode=self.selection.livemode,
                    event_types=types,
                    after=position,
                    upto=upto,
                    limit=BACKLOG_PAGE,
                )
                events: list[StreamEvent] = await prepare(session, rows)
            position = rows[-1].id if len(rows) == BACKLOG_PAGE else upto
            chunk = b"".join(event.frame for event in events if self.selection.matches(event))
            if not chunk and time.monotonic() - last_sent >= beat:
                chunk = _heartbeat()
            if chunk:
                last_sent = time.monotonic()
            yield chunk, position

    async def _still_allowed(self) -> bool:
        """The credential still resolves to the same principal (not revoked, expired or
        changed): checked at every heartbeat, so a revoked key's stream ends within one."""
        await slots.renew(self.principal.idempotency_scope, self.slot)
        try:
            principal, _ = await resolve(self.credential)
        except Exception:  # noqa: BLE001 - a lost database ends the stream; the client resumes
            return False
        return principal == self.principal

    async def close(self) -> None:
        """Give the slot and the subscription back (idempotent; safe during cancellation)."""
        if self.closed:
            return
        self.closed = True
        poller().unsubscribe(self.subscriber)
        with anyio.CancelScope(shield=True):
            await slots.release(self.principal.idempotency_scope, self.slot)


async def open_stream(
    session: AsyncSession,
    actor: Actor,
    *,
    credential: str,
    events: list[str] | None,
    collections: list[str] | None,
    last_event_id: str | None,
    resume_source: str,
    until: float,
    deadline: float,
) -> EventStream:
    """Check the request, take a stream slot and subscribe; the caller sends `frames()` and
    then calls `close()` whatever happens."""
    principal = actor.require()
    selection = Selection(
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        event_types=event_types(principal, events),
        collections=frozenset(check_collections(collections or [], field="query.collections")),
    )
    after = None
    if last_event_id:
        after = await resume_position(session, principal, last_event_id, resume_source)
    limit = runtime.current().settings.events_max_streams
    caller = principal.idempotency_scope
    slot = await slots.acquire(caller, limit)
    if slot is None:
        raise RateLimited(
            f"At most {limit} event streams open at once per caller "
            "(CHARTER_EVENTS_MAX_STREAMS); close one first",
            headers={"Retry-After": str(RETRY_MS // 1000)},
        )
    try:
        subscriber, floor = await poller().subscribe(selection, after, deadline)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await slots.release(caller, slot)
        raise
    return EventStream(
        principal=principal,
        credential=credential,
        selection=selection,
        subscriber=subscriber,
        after=after,
        floor=floor,
        until=min(until, deadline),
        deadline=deadline,
        slot=slot,
    )


async def purge(session: AsyncSession, now: datetime) -> int:
    """Published events older than CHARTER_EVENTS_RETENTION_DAYS leave the outbox (the window in
    which streams resume), a batch per maintenance pass."""
    days = runtime.current().settings.events_retention_days
    return await repo.purge_published_before(session, now - timedelta(days=days), PURGE_BATCH)
