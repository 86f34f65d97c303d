"""File rows with real blobs in the app's current blob store, for tests outside tests/files."""

from __future__ import annotations

import asyncio
import mimetypes

from charter.files import blobs
from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from tests.factories import _save


def create_file(
    organization_id: str, name: str | None = None, content: bytes = b"hello", parent: str = "/"
) -> str:
    """A live-mode file at `parent/name` holding `content`; its id."""
    from storage.models import File

    store = blobs.store_for(runtime.current().settings)

    async def write() -> blobs.Blob:
        writer = store.writer()
        await writer.write(content)
        blob = await writer.commit()
        await writer.release()
        return blob

    blob = asyncio.run(write())
    name = name or f"probe-{new_id('n', 8)}.txt"
    now = utcnow()
    path = f"{parent.rstrip('/')}/{name}"
    file = File(
        id=new_id("file"),
        organization_id=organization_id,
        livemode=True,
        type="file",
        path=path,
        parent=parent,
        name=name,
        size=blob.size,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        checksum=blob.sha256,
        blob_key=blob.key,
        version=1,
        created_at=now,
        modified_at=now,
    )
    _save(file)
    return file.id
