"""Where file bytes live: the blob-store interface both stores implement, and their helpers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

import anyio.to_thread

_T = TypeVar("_T")
CHUNK = 1024 * 1024  # bytes handed to a thread at once, and the download chunk size


async def in_thread(function: Callable[..., _T], *args: Any) -> _T:
    """`function(*args)` in a worker thread, off the event loop."""
    return await anyio.to_thread.run_sync(function, *args)


Referenced = Callable[[str], Awaitable[bool]]


@dataclass(frozen=True)
class Blob:
    key: str
    size: int
    sha256: str


class BlobWriter(Protocol):
    """One upload. A writer hashes (SHA-256) and counts what passes through it and holds at most
    one part in memory. Nothing is visible under a blob key before `commit`; a row names a blob
    only after that (files service), so rows never point at missing bytes, and blobs no row
    names are collected by the worker after a grace period (charter.files.collector)."""

    size: int

    async def write(self, data: bytes | memoryview) -> None: ...

    async def commit(self) -> Blob:
        """Make the bytes visible under the blob's key and claim it: until `release`, the
        blob cannot be deleted as unreferenced (the row naming it is not committed yet)."""
        ...

    async def release(self) -> None: ...

    async def abort(self) -> None: ...


class BlobStore(Protocol):
    """Local disk (charter.files.local_blobs) or an S3-protocol bucket (charter.files.s3_blobs),
    as the settings choose (charter.files.stores)."""

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


def chunks(data: bytes, size: int = CHUNK) -> Iterator[bytes]:
    for index in range(0, len(data), size):
        yield data[index : index + size]
