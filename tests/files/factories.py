"""File rows with real blobs in the app's current blob store, for tests outside tests/files."""

from __future__ import annotations

import asyncio
import mimetypes

from charter.files import blobs, stores
from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from tests.factories import _save


def create_file(
    organization_id: str, name: str | None = None, content: bytes = b"hello", parent: str = "/"
) -> str:
    """A live-mode file at `parent/name` holding `content`; its id."""
    from storage.models import File

    store = stores.store_for(runtime.current().settings)

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


def create_share(
    organization_id: str, file_id: str, password: str | None = None, permissions: str = "view"
) -> tuple[str, str]:
    """A share of the file (password protected when `password` is given): (its id, its token)."""
    import secrets

    from charter.files.sharing import _token_hash
    from charter.identity import passwords
    from charter.platform import crypto
    from storage.models import FileShare

    token = secrets.token_urlsafe(32)
    share = FileShare(
        id=new_id("shr"),
        file_id=file_id,
        organization_id=organization_id,
        livemode=True,
        token_hash=_token_hash(token),
        email_enc=crypto.encrypt("recipient@example.com"),
        permissions=permissions,
        expires_at=None,
        password_hash=asyncio.run(passwords.hash_password(password)) if password else None,
        failed_attempts=0,
        locked_at=None,
        revoked_at=None,
        created_at=utcnow(),
    )
    _save(share)
    return share.id, token
