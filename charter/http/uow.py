"""Units of work for handlers: where a request's transaction opens and commits.

A handler opens one (`transaction()` for changes, `read()` for reads) around its service calls,
so several services share one transaction. When the idempotency stage holds the request's unit
of work (a POST with an Idempotency-Key), the handler joins it instead: the work and the stored
response then commit together, before the first byte of the response is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import anyio
from connexion import context as cx
from sqlalchemy.ext.asyncio import AsyncSession

from charter.platform import runtime
from charter.platform.errors import CharterError
from storage.db import interrupt


@dataclass
class SharedUnit:
    """The idempotency stage's open transaction and what the handler's block did with it."""

    session: AsyncSession
    keep: bool = False  # a handler block ended normally: its writes are to be kept
    failed: bool = False  # a handler block raised: its writes are rolled back


def _state() -> Any:
    """The request's RequestState, or None outside a request (the CLI, the worker, tests)."""
    try:
        return cx.scope["charter"]
    except (LookupError, RuntimeError, KeyError):
        return None


def _deadline() -> float | None:
    state = _state()
    return state.deadline if state is not None else None


def _shared() -> SharedUnit | None:
    state = _state()
    return state.shared_unit if state is not None else None


def _handler() -> str:
    """The function whose `async with transaction()` this is (past contextlib's frames)."""
    frame = sys._getframe(2)
    while frame.f_back is not None and frame.f_code.co_filename == contextlib.__file__:
        frame = frame.f_back
    return frame.f_code.co_qualname


@asynccontextmanager
async def transaction() -> AsyncIterator[AsyncSession]:
    """The request's transaction: commits when the block ends, rolls back if it raises."""
    shared = _shared()
    if shared is None:
        db = runtime.current().db
        async with db.transaction(deadline=_deadline(), opened_in=_handler()) as session:
            yield session
        return
    try:
        yield shared.session
    except BaseException as exc:
        shared.failed = True
        if isinstance(exc, asyncio.CancelledError | anyio.get_cancelled_exc_class()):
            with anyio.CancelScope(shield=True):
                await interrupt(shared.session)
        raise
    shared.keep = True


def read() -> AbstractAsyncContextManager[AsyncSession]:
    """A read-only unit of work (autocommit: one round trip per statement), or the request's
    shared unit when one is open."""
    shared = _shared()
    if shared is not None:
        return nullcontext(shared.session)
    return runtime.current().db.read(deadline=_deadline())


def raise_if_error(outcome: Any) -> Any:
    """Raise an error a service returned for raising after its writes committed."""
    if isinstance(outcome, CharterError):
        raise outcome
    return outcome
