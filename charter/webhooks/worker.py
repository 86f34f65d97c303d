"""The delivery worker: fans the outbox out to deliveries, leases due deliveries and sends them,
each in its own task, at most CHARTER_WEBHOOK_WORKER_CONCURRENCY at once and (across every
worker) CHARTER_WEBHOOK_ENDPOINT_CONCURRENCY per endpoint, so a slow receiver holds only its own
slots.

Delivery is at least once: a lease outlives the attempt's timeout, a worker that dies holding
leases loses nothing (they run out and another worker takes the deliveries, with the same
`webhook-id`), and several workers on PostgreSQL never hold the same delivery at once
(`FOR UPDATE SKIP LOCKED`). Runs inside `charter worker` and the embedded worker thread of
`charter serve` (charter.worker.maintenance starts it).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform import outbound, runtime
from charter.platform.clock import new_id, utcnow
from charter.webhooks import dispatch, fanout
from storage.db import on_commit
from storage.models import WebhookDelivery, WebhookEndpoint
from storage.repositories import webhook_claims as claims
from storage.repositories import webhooks as repo

log = logging.getLogger("charter.webhooks")
POLL_SECONDS = 0.1
FANOUT_SECONDS = 0.05  # while busy, the outbox is read at most this often


MAX_BATCH = 200  # outcomes written per transaction
VACUUM_SECONDS = 5.0  # how often the queue tables' dead rows are looked at (PostgreSQL)
VACUUM_GRACE_SECONDS = 2.0  # at shutdown, a VACUUM under way is waited for this long
QUEUE_TABLES = ("webhook_deliveries", "outbox_events")
Claimed = tuple[WebhookDelivery, WebhookEndpoint]
Refill = Callable[[int, AsyncSession], Awaitable[None]]


class Recorder:
    """Group commit of attempts' outcomes: the first to end is written at once; those ending
    while a write is in flight are written together by the next one. At rest that adds no
    wait; under load a commit (and its fsync) serves many deliveries. The same transaction
    leases the next deliveries for the slots the written attempts free (`refill`), so a busy
    worker needs one transaction per group of attempts, not two."""

    def __init__(self, owner: str, refill: Refill | None = None) -> None:
        self.owner = owner
        self.refill = refill
        self.waiting: list[tuple[dispatch.Outcome, asyncio.Future[None]]] = []
        self.writer: asyncio.Task[None] | None = None

    async def record(self, outcome: dispatch.Outcome) -> None:
        """Returns once the outcome is written (its lease released)."""
        written = asyncio.get_running_loop().create_future()
        self.waiting.append((outcome, written))
        if self.writer is None:
            self.writer = asyncio.create_task(self._write())
        await asyncio.shield(written)  # a cancelled attempt's outcome is written all the same

    async def _write(self) -> None:
        try:
            while self.waiting:
                batch, self.waiting = self.waiting[:MAX_BATCH], self.waiting[MAX_BATCH:]
                then = functools.partial(self.refill, len(batch)) if self.refill else None
                try:
                    await dispatch.record_all([outcome for outcome, _ in batch], self.owner, then)
                except Exception as exc:  # noqa: BLE001 - each waiter learns it
                    for _, written in batch:
                        if not written.done():
                            written.set_exception(exc)
                else:
                    for _, written in batch:
                        if not written.done():
                            written.set_result(None)
        finally:
            self.writer = None


class DeliveryWorker:
    def __init__(self) -> None:
        self.owner = new_id("wkr")
        self.tasks: set[asyncio.Task[None]] = set()
        # Set when an attempt ends: its slot (and its endpoint's) can take the next delivery
        # at once instead of after the poll interval.
        self.slot_freed = asyncio.Event()
        # Connections to receivers stay open from one delivery to the next.
        self.http = outbound.Session()
        self.recorder = Recorder(self.owner, self._refill)
        self.fanned_at = float("-inf")
        # Whether the last claim filled every slot it asked for (more may be due), and when it
        # ran: a claim that found less needs no repeat until new deliveries are fanned out or
        # the poll interval passes (retries falling due, other workers' leases running out).
        self.claim_more = True
        self.claimed_at = float("-inf")
        self.vacuum: asyncio.Task[None] | None = None
        self.vacuums = runtime.current().db.dialect == "postgresql"  # SQLite has none to do
        self.vacuumed_at = float("-inf")  # a worker starting after a burst looks at once

    async def step(self) -> int:
        """One fan-out and one claim; how much work it found (0: idle). While attempts are in
        flight the outbox is looked at once per FANOUT_SECONDS, not at every step."""
        fanned = 0
        now = time.monotonic()
        if self.vacuum is None and now - self.vacuumed_at >= VACUUM_SECONDS and self.vacuums:
            self.vacuumed_at = now
            self.vacuum = asyncio.create_task(self._vacuum())
        if not self.tasks or now - self.fanned_at >= FANOUT_SECONDS:
            self.fanned_at = now
            fanned = await self._fan_out()
        if fanned or self.claim_more or now - self.claimed_at >= POLL_SECONDS:
            return fanned + await self._claim_and_send()
        return fanned

    @staticmethod
    async def _fan_out() -> int:
        db = runtime.current().db
        async with db.read() as session:  # a read first: no write lock when nothing waits
            if not await repo.has_unpublished_events(session):
                return 0
        async with db.transaction() as session:
            return await fanout.fan_out(session)

    async def _vacuum(self) -> None:
        """Vacuum the queue tables once a burst has left dead rows at the head of the indexes
        the claims and the fan-out walk (storage.db.Database.vacuum_bloated); beside the
        deliveries, never in their way."""
        try:
            await runtime.current().db.vacuum_bloated(QUEUE_TABLES)
        except Exception:
            log.exception("vacuuming the webhook queue tables failed")
        finally:
            self.vacuum = None

    async def close(self) -> None:
        """Let a VACUUM under way end (for a moment; then it is cancelled), close connections."""
        try:
            if self.vacuum is not None:
                done, _ = await asyncio.wait({self.vacuum}, timeout=VACUUM_GRACE_SECONDS)
                if not done:
                    self.vacuum.cancel()
        finally:
            await self.http.aclose()

    def _free(self, ending: int = 0) -> int:
        """Slots free here once `ending` attempts (being recorded) have ended."""
        concurrency = runtime.current().settings.webhook_worker_concurrency
        return concurrency - len(self.tasks) + ending

    async def _claimable(self, session: AsyncSession, free: int) -> list[str]:
        settings = runtime.current().settings
        chosen = await claims.claimable(
            session,
            now=utcnow(),
            limit=free,
            per_endpoint=settings.webhook_endpoint_concurrency,
            per_organization=settings.webhook_organization_concurrency,
        )
        self.claim_more, self.claimed_at = len(chosen) == free, time.monotonic()
        return chosen

    async def _lease(self, session: AsyncSession, chosen: list[str]) -> list[Claimed]:
        settings = runtime.current().settings
        now = utcnow()
        until = now + timedelta(
            seconds=settings.webhook_timeout_seconds + settings.webhook_lease_margin_seconds
        )
        return await claims.lease_claimed(
            session, chosen, owner=self.owner, now=now, lease_until=until
        )

    async def _claim_and_send(self) -> int:
        free = self._free()
        if free <= 0:
            return 0
        db = runtime.current().db
        async with db.read() as session:  # most steps find every slot taken: no transaction
            chosen = await self._claimable(session, free)
        if not chosen:
            return 0
        async with db.transaction() as session:
            claimed = await self._lease(session, chosen)
        self._send(claimed)
        return len(claimed)

    async def _refill(self, ending: int, session: AsyncSession) -> None:
        """Run by the recorder in its transaction after writing `ending` outcomes: lease the
        deliveries the freed slots can take; they are sent once it has committed."""
        free = self._free(ending)
        chosen = await self._claimable(session, free) if free > 0 else []
        if chosen:
            claimed = await self._lease(session, chosen)
            on_commit(session, lambda: self._send(claimed))

    def _send(self, claimed: list[Claimed]) -> None:
        for delivery, endpoint in claimed:
            task = asyncio.create_task(self._deliver(delivery, endpoint))
            self.tasks.add(task)
            task.add_done_callback(self._finished)

    async def _deliver(self, delivery: WebhookDelivery, endpoint: WebhookEndpoint) -> None:
        outcome = await dispatch.attempt(delivery, endpoint, self.http)
        await self.recorder.record(outcome)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        self.slot_freed.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("webhook attempt crashed", exc_info=task.exception())

    async def run_until_idle(self) -> None:
        """Work until nothing is due and nothing is in flight (tests, one-off runs)."""
        try:
            while True:
                busy = await self.step()
                if self.tasks:
                    await asyncio.wait(self.tasks, return_when=asyncio.FIRST_COMPLETED)
                elif not busy:
                    return
        finally:
            await self.close()


async def loop(stop: threading.Event, poll: float = POLL_SECONDS) -> None:
    """Deliver until `stop` is set; attempts in flight then are left to their leases."""
    worker = DeliveryWorker()
    try:
        await _deliver_until(stop, worker, poll)
    finally:
        await worker.close()


async def _deliver_until(stop: threading.Event, worker: DeliveryWorker, poll: float) -> None:
    while not stop.is_set():
        worker.slot_freed.clear()  # an attempt ending during the step wakes the next one
        try:
            busy = await worker.step()
        except Exception:
            log.exception("webhook delivery step failed")
            busy = 0
        if not busy:
            # Nothing claimable: wait for the poll interval, or less when an attempt ends.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(worker.slot_freed.wait(), poll)
