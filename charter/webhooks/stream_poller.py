"""One outbox poller per process (and event loop) for every open event stream: one primary-key
range query per poll interval, whatever the number of streams, fanned out in memory.

Commit order, not insert order. On PostgreSQL a transaction can take position 10, another
position 11 and commit first; a reader that moved past 11 would never see 10. So the poller
keeps a horizon: every position at or below it is settled (its event is visible, or it will
never be). A missing position below a visible one is a gap; it is settled when every writing
transaction that was in progress once the gap was seen has ended (PostgreSQL's snapshot lists
them), or after the longest request deadline whatever happens. On SQLite one writer at a time
makes positions visible in order: gaps are settled at once. Streams are given only events at
or below the horizon, in position order, so a position handed to a client never has an event
appear before it later: resuming after it is exact.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
import weakref
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform import runtime
from charter.platform.clock import isoformat
from charter.webhooks import catalog, fanout
from storage.models import OutboxEvent
from storage.repositories import outbox as repo
from storage.repositories import webhooks as webhook_repo

log = logging.getLogger("charter.events")

FETCH = 1000  # events read per poll
TAIL = 200  # positions below the newest watched for late commits when a poller starts
MAX_QUEUE = 10_000  # events waiting for one slow stream before it is ended (it resumes)
IDLE_STOP_SECONDS = 30.0  # a poller without streams stops after this
ERROR_BACKOFF_SECONDS = 1.0
ABANDONED_SECONDS = 60.0
RECORD_DELAY_SECONDS = 0.05
GAP_POLL_SECONDS = 0.06  # the poll interval while a gap is open (after RECORD_DELAY_SECONDS)
STARTUP_POLLS = 3


@dataclass(frozen=True)
class StreamEvent:
    """An outbox event as streams send it: the SSE frame is built once for every stream."""

    position: int
    event_id: str
    event_type: str
    organization_id: str | None
    livemode: bool
    collection: str | None
    frame: bytes


def frame(event_id: str, event_type: str, message: dict[str, Any]) -> bytes:
    """One SSE message. json.dumps escapes line breaks (and non-ASCII), so `data` is one line."""
    data = json.dumps(message, separators=(",", ":"))
    return f"id: {event_id}\nevent: {event_type}\ndata: {data}\n\n".encode()


async def prepare(session: AsyncSession, rows: Sequence[OutboxEvent]) -> list[StreamEvent]:
    """Catalogued events as streams send them: the webhook message (`fanout.message`, the user's
    email looked up for user events as the fan-out does), without a signature."""
    rows = [row for row in rows if row.event_type in catalog.EVENTS]
    user_ids = [
        str(row.payload.get("user_id"))
        for row in rows
        if row.event_type in fanout.USER_EVENTS and row.payload.get("user_id")
    ]
    users = {user.id: user for user in await webhook_repo.users_by_id(session, user_ids)}
    prepared = []
    for row in rows:
        data = fanout._data(row, users)  # the fan-out's own payload rules
        message = fanout.message(row.event_id, row.event_type, isoformat(row.created_at), data)
        collection = (row.payload or {}).get("collection")
        prepared.append(
            StreamEvent(
                position=row.id,
                event_id=row.event_id,
                event_type=row.event_type,
                organization_id=row.organization_id,
                livemode=row.livemode,
                collection=collection if isinstance(collection, str) else None,
                frame=frame(row.event_id, row.event_type, message),
            )
        )
    return prepared


@dataclass(frozen=True)
class Selection:
    """What one stream may and wants to see."""

    organization_id: str
    livemode: bool
    event_types: frozenset[str]
    collections: frozenset[str]  # narrows record events; empty: every collection

    def matches(self, event: StreamEvent) -> bool:
        if event.organization_id != self.organization_id or event.livemode != self.livemode:
            return False
        if event.event_type not in self.event_types:
            return False
        if self.collections and catalog.is_record_event(event.event_type):
            return event.collection in self.collections
        return True


@dataclass(eq=False)
class Subscriber:
    """A stream's inbox: events past `floor` that match its selection, in position order."""

    selection: Selection
    floor: int
    ends_by: float = float("inf")  # time.monotonic() after which its stream has surely ended
    queue: deque[StreamEvent] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    overflowed: bool = False

    def offer(self, events: list[StreamEvent]) -> None:
        for event in events:
            if event.position > self.floor and self.selection.matches(event):
                self.queue.append(event)
        if len(self.queue) > MAX_QUEUE:
            self.overflowed = True
            self.queue.clear()
        if self.queue or self.overflowed:
            self.wake.set()

    def take(self) -> list[StreamEvent]:
        events = list(self.queue)
        self.queue.clear()
        self.wake.clear()
        return events


@dataclass
class _Watch:
    """Missing positions up to `upto`, first seen at `seen`; `running`: the transactions in
    progress at the poll after that (the gap's writer, if still open, is one of them)."""

    upto: int
    seen: float
    running: frozenset[int] | None = None


def gap_limit_seconds() -> float:
    """No transaction outlives the longest request deadline by much: a gap older than this is
    settled whatever the snapshot says (a long transaction elsewhere must not stall streams)."""
    settings = runtime.current().settings
    return max(settings.timeout_standard, settings.timeout_batch, settings.timeout_upload) + 30


class Poller:
    def __init__(self) -> None:
        self.horizon: int | None = None
        self.subscribers: set[Subscriber] = set()
        self._watches: list[_Watch] = []
        self._task: asyncio.Task[None] | None = None
        self._starting = asyncio.Lock()
        self._polling = asyncio.Lock()  # one poll at a time moves the horizon
        self._idle_since = time.monotonic()

    async def subscribe(
        self, selection: Selection, after: int | None, ends_by: float
    ) -> tuple[Subscriber, int]:
        """A new subscriber and the position it starts from: events in (after, floor] are the
        caller's to read from the database (`after` None: start at the horizon)."""
        async with self._starting:
            if self._task is None:
                await self._start()
            else:  # what committed before the stream opened is in its reach
                while await self.poll() == FETCH:
                    pass
        assert self.horizon is not None
        floor = self.horizon if after is None else max(after, self.horizon)
        subscriber = Subscriber(selection, floor, ends_by)
        self.subscribers.add(subscriber)
        return subscriber, floor

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)
        if not self.subscribers:
            self._idle_since = time.monotonic()

    async def _start(self) -> None:
        async with runtime.current().db.read() as session:
            newest = await repo.newest_position(session)
            oldest = await repo.oldest_position(session)
        # Positions below the oldest event are gone for good (retention): no gap to watch.
        self.horizon = max(0, newest - TAIL, (oldest or 1) - 1)
        self._watches = []
        await self.poll()
        for _ in range(STARTUP_POLLS):
            if not self._watches:
                break
            # Gaps in the tail are mostly long-settled (rolled back): settle them before the
            # first stream starts behind them.
            await asyncio.sleep(GAP_POLL_SECONDS)
            await self.poll()
        self._idle_since = time.monotonic()
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        taken = 0
        while True:
            interval = runtime.current().settings.events_poll_seconds
            # While a gap is open, poll sooner: it holds back every event after it. After a
            # full batch, at once: more are waiting.
            if taken < FETCH:
                await asyncio.sleep(min(interval, GAP_POLL_SECONDS) if self._watches else interval)
            if not self.subscribers and time.monotonic() - self._idle_since > IDLE_STOP_SECONDS:
                # Nothing awaited between the check and the reset: a subscribe() now starts anew.
                self._task, self.horizon = None, None
                return
            try:
                taken = await self.poll()
            except Exception:  # a lost database: streams keep their heartbeats meanwhile
                log.warning("event stream poll failed", exc_info=True)
                taken = 0
                await asyncio.sleep(ERROR_BACKOFF_SECONDS)

    async def poll(self) -> int:
        """Read past the horizon, move it over what is settled, hand those events out; how
        many positions it moved over."""
        async with self._polling:
            return await self._poll()

    async def _poll(self) -> int:
        assert self.horizon is not None
        async with runtime.current().db.read() as session:
            snapshot_at = time.monotonic()
            running = await repo.running_transactions(session)  # before the rows: see module
            rows = await repo.events_after(session, self.horizon, FETCH)
            settled, horizon, watches = self._advance(rows, running, snapshot_at, time.monotonic())
            wanted = {(s.selection.organization_id, s.selection.livemode) for s in self.subscribers}
            taken = [row for row in settled if (row.organization_id, row.livemode) in wanted]
            events = await prepare(session, taken) if taken else []
        # Only now, with nothing left to fail, does the horizon move: a failed poll is redone.
        moved = len(settled)
        self.horizon, self._watches = horizon, watches
        now = time.monotonic()
        for subscriber in list(self.subscribers):
            if now > subscriber.ends_by + ABANDONED_SECONDS:
                self.unsubscribe(subscriber)  # its response never ran to close it
            elif events:
                subscriber.offer(events)
        return moved

    def _advance(
        self,
        rows: list[OutboxEvent],
        running: frozenset[int] | None,
        snapshot_at: float,
        now: float,
    ) -> tuple[list[OutboxEvent], int, list[_Watch]]:
        """The rows now settled (in order), the horizon past them (and past gaps that cannot
        fill any more) and the gaps still watched; changes nothing itself."""
        assert self.horizon is not None
        horizon = self.horizon
        watches = [_Watch(w.upto, w.seen, w.running) for w in self._watches]
        settled_upto = horizon
        while watches and self._settled(watches[0], running, now):
            settled_upto = max(settled_upto, watches.pop(0).upto)
        for watch in watches:
            # Not from the poll that saw the gap, nor from one right after it: the gap's writer
            # takes its position a moment before its transaction id.
            if watch.running is None and snapshot_at - watch.seen >= RECORD_DELAY_SECONDS:
                watch.running = running if running is not None else frozenset()
        taken: list[OutboxEvent] = []
        for row in rows:
            if row.id != horizon + 1 and row.id - 1 > settled_upto:
                break  # an open gap before it
            taken.append(row)
            horizon = row.id
        if len(taken) < len(rows):
            top = rows[-1].id
            if not watches or watches[-1].upto < top:
                watches.append(_Watch(upto=top, seen=now))
        return taken, horizon, watches

    @staticmethod
    def _settled(watch: _Watch, running: frozenset[int] | None, now: float) -> bool:
        if running is None:
            return True  # SQLite: positions become visible in commit order
        if now - watch.seen > gap_limit_seconds():
            log.warning("event stream passed a gap left open too long")
            return True
        return watch.running is not None and not (watch.running & running)


_pollers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Poller] = weakref.WeakKeyDictionary()


def poller() -> Poller:
    """This event loop's poller."""
    loop = asyncio.get_running_loop()
    found = _pollers.get(loop)
    if found is None:
        found = _pollers[loop] = Poller()
    return found


async def stop_all() -> None:
    """Stop this loop's poller (tests)."""
    found = _pollers.pop(asyncio.get_running_loop(), None)
    if found is not None and found._task is not None:
        found._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await found._task
