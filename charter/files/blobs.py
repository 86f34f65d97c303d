"""Where file bytes live: one small async interface, two stores.

- `LocalBlobStore` (the embedded default, `var/files/`): an upload is written to a temporary
  file under `tmp/`, fsynced, and renamed into `blobs/<aa>/<sha256>` when it is committed; a blob
  is named by its content hash, so equal files share one blob (a reused blob's time is renewed,
  so the collector never takes a blob an upload has just claimed).
- `S3BlobStore` (`CHARTER_FILE_STORE=s3://bucket/prefix`): boto3, one `PutObject` for a small
  file and a multipart upload (`CHARTER_FILE_PART_BYTES` parts) for a large one, each under a
  fresh random key; a failed or killed upload is aborted (or left incomplete, which S3 never
  shows, and the collector aborts it).

A writer hashes (SHA-256) and counts what passes through it and holds at most one part in
memory. Nothing is visible under a blob key before `commit`; a row names a blob only after
that (files service), so rows never point at missing bytes, and blobs no row names are
collected by the worker after a grace period (`collect_orphans`).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import os
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeVar
from urllib.parse import urlsplit

import anyio.to_thread

from charter.files import writeback
from charter.platform.settings import Settings

_T = TypeVar("_T")
CHUNK = 1024 * 1024  # bytes handed to a thread at once, and the download chunk size
DEPTH = 4  # batches waiting for each of an upload's threads, at most


async def _in_thread(function: Callable[..., _T], *args: Any) -> _T:
    return await anyio.to_thread.run_sync(function, *args)


Referenced = Callable[[str], Awaitable[bool]]


@dataclass(frozen=True)
class Blob:
    key: str
    size: int
    sha256: str


class BlobWriter(Protocol):
    size: int

    async def write(self, data: bytes | memoryview) -> None: ...

    async def commit(self) -> Blob:
        """Make the bytes visible under the blob's key and claim it: until `release`, the
        blob cannot be deleted as unreferenced (the row naming it is not committed yet)."""
        ...

    async def release(self) -> None: ...

    async def abort(self) -> None: ...


class BlobStore(Protocol):
    kind: str

    def writer(self) -> BlobWriter:
        """A new upload; nothing is visible until its `commit`."""
        ...

    def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        """The bytes of `key` from `start` to `end` inclusive (None: to the end)."""
        ...

    async def delete(self, key: str) -> None: ...

    async def delete_unreferenced(self, key: str, referenced: Referenced) -> bool:
        """Delete `key` unless `referenced(key)` (asked while no upload claims it); whether
        it was deleted."""
        ...

    async def exists(self, key: str) -> bool: ...

    def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        """Every committed blob with its last write time (for the orphan collector)."""
        ...

    async def abandon_uploads(self, older_than: datetime) -> int:
        """Remove uploads started before `older_than` and never committed; how many."""
        ...


# local disk ------------------------------------------------------------------------------------


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
                    await _in_thread(self._work, todo)
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
            # Same bytes already stored: keep that blob, renew its time (see module docstring).
            self._path.unlink()
            os.utime(target)
        else:
            os.replace(self._path, target)
            _fsync_dir(target.parent)
        return Blob(key=digest, size=self.size, sha256=digest)

    async def commit(self) -> Blob:
        await self._flush()
        return await _in_thread(self._commit_sync)

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
        await _in_thread(self._abort_sync)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalBlobStore:
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
        fd = await _in_thread(self.lock, key, fcntl.LOCK_EX)
        try:
            if await referenced(key):
                return False
            await self.delete(key)
            return True
        finally:
            os.close(fd)

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        path = self.path_of(key)
        handle: BinaryIO = await _in_thread(lambda: open(path, "rb"))  # noqa: SIM115
        try:
            await _in_thread(handle.seek, start)
            remaining = None if end is None else end - start + 1
            while remaining is None or remaining > 0:
                size = CHUNK if remaining is None else min(CHUNK, remaining)
                data = await _in_thread(handle.read, size)
                if not data:
                    break
                if remaining is not None:
                    remaining -= len(data)
                yield data
        finally:
            await _in_thread(handle.close)

    async def delete(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            await _in_thread(self.path_of(key).unlink)

    async def exists(self, key: str) -> bool:
        return await _in_thread(self.path_of(key).exists)

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
        for item in await _in_thread(self._scan):
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
        return await _in_thread(self._abandon_sync, older_than)


# S3 --------------------------------------------------------------------------------------------


class S3Writer:
    def __init__(self, store: S3BlobStore) -> None:
        self.store = store
        self.size = 0
        # The start time in the key: the collector trusts it over a store's `Initiated`
        # (moto reports a fixed date there).
        self.key = f"{store.prefix}blobs/{int(time.time()):010d}-{uuid.uuid4().hex}"
        self._hash = hashlib.sha256()
        self._buffer: list[bytes | memoryview] = []
        self._buffered = 0
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        # The part being sent while the next one is received (at most two parts in memory).
        self._pending: asyncio.Future[None] | None = None

    async def _drain(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    async def write(self, data: bytes | memoryview) -> None:
        if not data:
            return
        self.size += len(data)
        self._buffer.append(data)
        self._buffered += len(data)
        while self._buffered >= self.store.part_bytes:
            await self._send_part()

    def _take(self, limit: int | None = None) -> bytes:
        """Up to `limit` buffered bytes (all by default); the rest stays buffered."""
        data = b"".join(self._buffer)
        if limit is not None and len(data) > limit:
            data, rest = data[:limit], data[limit:]
            self._buffer, self._buffered = [rest], len(rest)
            return data
        self._buffer, self._buffered = [], 0
        return data

    def _send_part_sync(self, data: bytes) -> None:
        client = self.store.client
        self._hash.update(data)
        if self._upload_id is None:
            started = client.create_multipart_upload(Bucket=self.store.bucket, Key=self.key)
            self._upload_id = started["UploadId"]
        number = len(self._parts) + 1
        answer = client.upload_part(
            Bucket=self.store.bucket,
            Key=self.key,
            UploadId=self._upload_id,
            PartNumber=number,
            Body=data,
        )
        self._parts.append({"PartNumber": number, "ETag": answer["ETag"]})

    async def _send_part(self) -> None:
        await self._drain()
        part = self._take(self.store.part_bytes)
        self._pending = asyncio.ensure_future(_in_thread(self._send_part_sync, part))

    def _commit_sync(self, data: bytes) -> None:
        client, bucket = self.store.client, self.store.bucket
        if self._upload_id is None:
            self._hash.update(data)
            client.put_object(Bucket=bucket, Key=self.key, Body=data)
            return
        if data:
            self._send_part_sync(data)
        client.complete_multipart_upload(
            Bucket=bucket,
            Key=self.key,
            UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )

    async def commit(self) -> Blob:
        await self._drain()
        await _in_thread(self._commit_sync, self._take())
        return Blob(key=self.key, size=self.size, sha256=self._hash.hexdigest())

    async def release(self) -> None:
        """Every S3 upload has a key of its own: nothing else can claim or delete it."""

    def _abort_sync(self) -> None:
        if self._upload_id is not None:
            with contextlib.suppress(Exception):
                self.store.client.abort_multipart_upload(
                    Bucket=self.store.bucket, Key=self.key, UploadId=self._upload_id
                )

    async def abort(self) -> None:
        self._buffer, self._buffered = [], 0
        with contextlib.suppress(Exception):
            await self._drain()
        await _in_thread(self._abort_sync)


class S3BlobStore:
    kind = "s3"

    def __init__(self, url: str, settings: Settings) -> None:
        import boto3
        from botocore.config import Config

        parts = urlsplit(url)
        self.bucket = parts.netloc
        prefix = parts.path.strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        self.settings = settings
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=settings.s3_endpoint_url or None,
            region_name=settings.s3_region or None,
            aws_access_key_id=settings.s3_access_key_id or None,
            aws_secret_access_key=settings.s3_secret_access_key or None,
            config=Config(
                max_pool_connections=64,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": "path"},
            ),
        )

    @property
    def part_bytes(self) -> int:
        return self.settings.file_part_bytes

    def _check(self, key: str) -> str:
        if not key.startswith(f"{self.prefix}blobs/"):
            raise ValueError("not a blob key")
        return key

    def writer(self) -> S3Writer:
        return S3Writer(self)

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        extra = {}
        if start or end is not None:
            extra["Range"] = f"bytes={start}-{'' if end is None else end}"
        answer = await _in_thread(
            lambda: self.client.get_object(Bucket=self.bucket, Key=self._check(key), **extra)
        )
        body = answer["Body"]
        try:
            while True:
                data = await _in_thread(body.read, CHUNK)
                if not data:
                    break
                yield data
        finally:
            await _in_thread(body.close)

    async def delete(self, key: str) -> None:
        await _in_thread(
            lambda: self.client.delete_object(Bucket=self.bucket, Key=self._check(key))
        )

    async def delete_unreferenced(self, key: str, referenced: Referenced) -> bool:
        if await referenced(key):
            return False
        await self.delete(key)
        return True

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        def head() -> bool:
            try:
                self.client.head_object(Bucket=self.bucket, Key=self._check(key))
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                    return False
                raise
            return True

        return await _in_thread(head)

    def _list_page(self, token: str | None) -> tuple[list[tuple[str, datetime]], str | None]:
        extra = {"ContinuationToken": token} if token else {}
        answer = self.client.list_objects_v2(
            Bucket=self.bucket, Prefix=f"{self.prefix}blobs/", MaxKeys=1000, **extra
        )
        items = [(item["Key"], item["LastModified"]) for item in answer.get("Contents", [])]
        return items, answer.get("NextContinuationToken") if answer.get("IsTruncated") else None

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        token: str | None = None
        while True:
            items, token = await _in_thread(self._list_page, token)
            for item in items:
                yield item
            if token is None:
                return

    def _abandon_sync(self, older_than: datetime) -> int:
        removed = 0
        paginator = self.client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}blobs/"):
            for upload in page.get("Uploads", []):
                started = max(upload["Initiated"], _started(upload["Key"]))
                if started < older_than:
                    self.client.abort_multipart_upload(
                        Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                    )
                    removed += 1
        return removed

    async def abandon_uploads(self, older_than: datetime) -> int:
        return await _in_thread(self._abandon_sync, older_than)


def _started(key: str) -> datetime:
    """The start time an S3Writer put in its key (the epoch for other keys)."""
    stamp = key.rsplit("/", 1)[-1].split("-", 1)[0]
    return datetime.fromtimestamp(int(stamp) if stamp.isdigit() else 0, UTC)


# the process's store ---------------------------------------------------------------------------

_stores: dict[tuple[str, str, str], BlobStore] = {}


def store_for(settings: Settings) -> BlobStore:
    """The blob store the settings name, built once per process and configuration."""
    identity = (settings.file_store, settings.s3_endpoint_url, str(settings.var_dir))
    store = _stores.get(identity)
    if store is None:
        if settings.file_store:
            store = S3BlobStore(settings.file_store, settings)
        else:
            store = LocalBlobStore(settings.var_dir / "files")
        _stores[identity] = store
    return store


def chunks(data: bytes, size: int = CHUNK) -> Iterator[bytes]:
    for index in range(0, len(data), size):
        yield data[index : index + size]
