"""Starting the disk writes of an upload while it still arrives.

A local upload is fsynced before it is committed (a row must never name bytes a crash could
lose). Left to itself, the kernel keeps the whole upload dirty in the page cache and that
fsync then writes all of it at the end, with the caller waiting: a 256 MiB upload spent
~0.5 s in it, as long as the transfer. Linux's `sync_file_range(SYNC_FILE_RANGE_WRITE)`
starts writing a range without waiting for it, so the disk works while the body streams in
and the final fsync (still made, still the guarantee) has only the tail left.

Elsewhere (no such call) `start` does nothing and the fsync does all the work, as before.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

SYNC_FILE_RANGE_WRITE = 2
EVERY = 8 * 1024 * 1024  # bytes written between two starts


def _sync_file_range() -> Callable[[int, int, int, int], int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_call = _sync_file_range()


def start(fd: int, offset: int, length: int) -> None:
    """Start writing `length` bytes of `fd` from `offset` to disk; never waits for them, and
    a failure is left to the fsync that follows (which reports it)."""
    if _call is not None and length > 0:
        _call(fd, offset, length, SYNC_FILE_RANGE_WRITE)  # ctypes releases the GIL meanwhile
