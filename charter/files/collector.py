"""The orphan collector (run by the worker): what a crash or a killed upload left behind.

- Blobs that no file row names, last written before the grace period
  (CHARTER_FILE_ORPHAN_GRACE_SECONDS, longer than any upload may take), are deleted: a crash
  between a deletion's commit and its blob's removal, or an upload whose request died after
  its blob was committed and before its row was.
- Uploads never committed (a temporary file on local disk, an incomplete multipart upload on
  S3) started before the grace period are removed.

Each deletion asks the database again under the store's lock (`delete_unreferenced`), so an
upload that claims the same blob meanwhile keeps it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from charter.files import service
from charter.platform import runtime
from storage.repositories import files as repo

BATCH = 500


async def collect(now: datetime) -> dict[str, int]:
    """One pass; counts of what was removed."""
    store = service.store()
    grace = timedelta(seconds=runtime.current().settings.file_orphan_grace_seconds)
    cutoff = now - grace
    candidates: list[str] = []
    deleted = 0

    async def sweep(keys: list[str]) -> int:
        async with runtime.current().db.read() as session:
            named = await repo.referenced(session, keys)
        removed = 0
        for key in keys:
            if key not in named and await store.delete_unreferenced(key, service.is_referenced):
                removed += 1
        return removed

    async for key, written in store.keys():
        if written < cutoff:
            candidates.append(key)
        if len(candidates) >= BATCH:
            deleted += await sweep(candidates)
            candidates = []
    if candidates:
        deleted += await sweep(candidates)
    abandoned = await store.abandon_uploads(cutoff)
    return {"orphan_blobs_deleted": deleted, "abandoned_uploads_removed": abandoned}
