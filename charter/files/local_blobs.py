"""The embedded default blob store: content-addressed files on local disk under `var/files/`."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import os
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from charter.files import writeback
from charter.files.blobs import CHUNK, Blob, Referenced, in_thread

DEPTH = 4  # batches waiting for each of an upload's threads, at most

Batch = list[bytes | memoryview]


class _Stage:
    """One thread's share of an upload (hashing, or writing): the batches handed to it wait
    in a queue of at most DEPTH, and each turn of its thread takes all that wait (a writer
    that fell behind catches up in one hand-off, not one per batch)."""

    def __init__(self, work: Callable[[list[Batch]], None]) -> None:
        self._work = work
        self._queue: asyncio.Queue[Batch | None] = asyncio.Queue(DEPTH)
        self.failure: BaseException | None = None
        self.task = asyncio.ensure_future(self._run())

    async def put(self, batch: Batch | None) -> None:
        await self._queue.put(batch)

    async def _run(self) -> None:
        ended = False
        while not ended:
            batches = [await self._queue.get()]
            while not self._queue.empty():
                batches.append(self._queue.get_nowait())
            ended = batches[-1] is None
            todo = [batch for batch in batches if batch is not None]
            if todo and self.failure is None:  # after a failure, drop what is still handed over
                try:
                    await in_thread(self._work, todo)
                except Exception as exc:  # noqa: BLE001 - raised to the writer's caller
                    self.failure = exc


class Aborted(Exception):
    """The upload was given up: its stages drop what still waits for them."""


class LocalWriter:
    """Pipelined: the event loop hands the body over in batches (CHUNK bytes) and keeps
    receiving, while one thread hashes and another writes (hashlib and the write release
    the GIL). At most DEPTH batches wait for either, and a turn takes at most DEPTH: about
    2 * DEPTH batches in memory. The disk writes start
    every few MiB (charter.files.writeback): the commit's fsync has little left."""

    def __init__(self, store: LocalBlobStore) -> None:
        self.store = store
        self.size = 0
        self._hash = hashlib.sha256()
        self._buffer: Batch = []
        self._buffered = 0
        self._path = store.tmp / f"{uuid.uuid4().hex}.part"
        self._file: Any = None
        self._claim: int | None = None
        self._stages: tuple[_Stage, _Stage] | None = None
        self._written = 0  # bytes in the file
        self._started = 0  # bytes whose disk write has been started

    def _hash_sync(self, batches: list[Batch]) -> None:
        for batch in batches:
            for piece in batch:
                self._hash.update(piece)

    def _write_sync(self, batches: list[Batch]) -> None:
        if self._file is None:
            self.store.tmp.mkdir(parents=True, exist_ok=True)
            self._file = open(self._path, "xb", buffering=0)  # noqa: SIM115 - commit/abort
        for batch in batches:
            for piece in batch:
                view = memoryview(piece)
                while view:  # an unbuffered write may take part of it
                    done = self._file.write(view)
                    self._written += done
                    view = view[done:]
        if self._written - self._started >= writeback.EVERY:
            writeback.start(self._file.fileno(), self._started, self._written - self._started)
            self._started = self._written

    def _failure(self) -> BaseException | None:
        if self._stages is None:
            return None
        return self._stages[0].failure or self._stages[1].failure

    async def _hand_off(self, batch: Batch | None) -> None:
        failure = self._failure()
        if failure is not None:
            raise failure
        if self._stages is None:
            self._stages = (_Stage(self._hash_sync), _Stage(self._write_sync))
        for stage in self._stages:
            await stage.put(batch)

    async def _flush(self) -> None:
        """Everything written so far in the file (and hashed)."""
        batch, self._buffer, self._buffered = self._buffer, [], 0
        await self._hand_off(batch)
        await self._hand_off(None)
        stages, self._stages = self._stages, None
        assert stages is not None
        await asyncio.gather(*(stage.task for stage in stages))
        failure = stages[0].failure or stages[1].failure
        if failure is not None:
            raise failure

    async def write(self, data: bytes | memoryview) -> None:
        if not data:
            return
        self.size += len(data)
        self._buffer.append(data)
        self._buffered += len(data)
        if self._buffered >= CHUNK:
            batch, self._buffer, self._buffered = self._buffer, [], 0
            await self._hand_off(batch)

    def _commit_sync(self) -> Blob:
        os.fsync(self._file.fileno())
        self._file.close()
        digest = self._hash.hexdigest()
        target = self.store.path_of(digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._claim = self.store.lock(digest, fcntl.LOCK_SH)
        if target.exists():
            # Same bytes already stored: keep that blob, renew its time (see LocalBlobStore).
            self._path.unlink()
            os.utime(target)
        else:
            os.replace(self._path, target)
            _fsync_dir(target.parent)
        return Blob(key=digest, size=self.size, sha256=digest)

    async def commit(self) -> Blob:
        await self._flush()
        return await in_thread(self._commit_sync)

    async def release(self) -> None:
        if self._claim is not None:
            os.close(self._claim)  # closing the descriptor drops the lock
            self._claim = None

    def _abort_sync(self) -> None:
        if self._file is not None and not self._file.closed:
            self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._path.unlink()

    async def abort(self) -> None:
        self._buffer, self._buffered = [], 0
        stages, self._stages = self._stages, None
        for stage in stages or ():  # a thread at work finishes its turn: the file closes after
            stage.failure = stage.failure or Aborted()  # what still waits is dropped
            with contextlib.suppress(Exception):
                await stage.put(None)
                await stage.task
        await self.release()
        await in_thread(self._abort_sync)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalBlobStore:
    """An upload is written to a temporary file under `tmp/`, fsynced, and renamed into
    `blobs/<aa>/<sha256>` when it is committed; a blob is named by its content hash, so equal
    files share one blob (a reused blob's time is renewed, so the collector never takes a blob
    an upload has just claimed)."""

    kind = "local"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.blobs = root / "blobs"

    def path_of(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError("not a blob key")
        return self.blobs / key[:2] / key

    def writer(self) -> LocalWriter:
        return LocalWriter(self)

    def lock(self, key: str, mode: int) -> int:
        """A lock on the blob's shard (flock: across processes on this host): uploads that
        commit a blob hold it shared until their row commits, a deletion holds it exclusive."""
        path = self.path_of(key).parent / ".lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, mode)
        except BaseException:
            os.close(fd)
            raise
        return fd

    async def delete_unreferenced(self, key: str, referenced: Referenced) -> bool:
        fd = await in_thread(self.lock, key, fcntl.LOCK_EX)
        try:
            if await referenced(key):
                return False
            await self.delete(key)
            return True
        finally:
            os.close(fd)

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        path = self.path_of(key)
        handle: BinaryIO = await in_thread(lambda: open(path, "rb"))  # noqa: SIM115
        try:
            await in_thread(handle.seek, start)
            remaining = None if end is None else end - start + 1
            while remaining is None or remaining > 0:
                size = CHUNK if remaining is None else min(CHUNK, remaining)
                data = await in_thread(handle.read, size)
                if not data:
                    break
                if remaining is not None:
                    remaining -= len(data)
                yield data
        finally:
            await in_thread(handle.close)

    async def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            await in_thread(self.path_of(key).unlink)

    async def exists(self, key: str) -> bool:
        return await in_thread(self.path_of(key).exists)

    def _scan(self) -> list[tuple[str, datetime]]:
        found: list[tuple[str, datetime]] = []
        if not self.blobs.exists():
            return found
        for shard in os.scandir(self.blobs):
            if not shard.is_dir():
                continue
            for entry in os.scandir(shard.path):
                if len(entry.name) == 64 and entry.is_file():
                    mtime = datetime.fromtimestamp(entry.stat().st_mtime, UTC)
                    found.append((entry.name, mtime))
        return found

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        for item in await in_thread(self._scan):
            yield item

    def _abandon_sync(self, older_than: datetime) -> int:
        removed = 0
        if not self.tmp.exists():
            return 0
        for entry in os.scandir(self.tmp):
            if datetime.fromtimestamp(entry.stat().st_mtime, UTC) < older_than:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
        return removed

    async def abandon_uploads(self, older_than: datetime) -> int:
        return await in_thread(self._abandon_sync, older_than)
