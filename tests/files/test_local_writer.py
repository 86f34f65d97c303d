"""The local blob writer's pipeline: batches hashed and written by two threads, in order,
with the disk writes started as the bytes arrive and the fsync still made before the commit;
a failing write surfaces to the caller and leaves nothing behind."""

from __future__ import annotations

import asyncio
import errno
import hashlib
import os

import pytest

from charter.files import blobs, local_blobs, writeback


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(local_blobs, "CHUNK", 4096)  # many batches from a small body
    monkeypatch.setattr(local_blobs, "DEPTH", 2)
    return local_blobs.LocalBlobStore(tmp_path)


def _pieces(total: int) -> list[bytes]:
    data = os.urandom(total)
    sizes = [1, 4095, 4096, 10_000, 3, 65_536, 7]
    pieces, at, index = [], 0, 0
    while at < total:
        size = sizes[index % len(sizes)]
        pieces.append(data[at : at + size])
        at, index = at + size, index + 1
    return pieces


async def _upload(store, pieces) -> blobs.Blob:
    writer = store.writer()
    for piece in pieces:
        await writer.write(memoryview(piece) if len(piece) % 2 else piece)
        await asyncio.sleep(0) if len(piece) == 3 else None  # let the stages run sometimes
    blob = await writer.commit()
    await writer.release()
    return blob


def test_many_batches_are_written_and_hashed_in_order(store):
    pieces = _pieces(1_000_000)
    data = b"".join(pieces)
    blob = asyncio.run(_upload(store, pieces))
    assert blob.size == len(data)
    assert blob.sha256 == hashlib.sha256(data).hexdigest()
    assert store.path_of(blob.key).read_bytes() == data
    assert list(store.tmp.iterdir()) == []


def test_disk_writes_start_while_streaming_and_fsync_still_precedes_the_commit(store, monkeypatch):
    monkeypatch.setattr(writeback, "EVERY", 100_000)
    events: list[tuple] = []
    monkeypatch.setattr(writeback, "start", lambda fd, at, size: events.append(("start", at, size)))
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(
        local_blobs.os, "fsync", lambda fd: (events.append(("fsync",)), real_fsync(fd))
    )
    monkeypatch.setattr(
        local_blobs.os, "replace", lambda *a: (events.append(("replace",)), real_replace(*a))
    )
    pieces = _pieces(1_000_000)
    asyncio.run(_upload(store, pieces))
    starts = [event for event in events if event[0] == "start"]
    assert len(starts) >= 5
    at = 0
    for _, start, size in starts:  # consecutive ranges from the beginning
        assert start == at and size >= 100_000
        at += size
    assert events.index(("fsync",)) > events.index(starts[-1])
    assert events.index(("replace",)) > events.index(("fsync",))


def test_a_failing_write_reaches_the_caller_and_leaves_no_file(store, monkeypatch):
    real = local_blobs.LocalWriter._write_sync
    turns = []

    def failing(self, batches):
        turns.append(len(batches))
        if len(turns) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, batches)

    monkeypatch.setattr(local_blobs.LocalWriter, "_write_sync", failing)

    async def run() -> None:
        writer = store.writer()
        try:
            for piece in _pieces(2_000_000):
                await writer.write(piece)
            await writer.commit()
        except BaseException:
            await writer.abort()
            raise

    with pytest.raises(OSError) as raised:
        asyncio.run(asyncio.wait_for(run(), timeout=30))
    assert raised.value.errno == errno.ENOSPC
    assert list(store.tmp.iterdir()) == []
    assert not store.blobs.exists() or not any(store.blobs.rglob("*"))
