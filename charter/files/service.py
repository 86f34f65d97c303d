"""Files and directories (seed 001's CloudSync): list, save an upload, read, delete.

Rows belong to the caller's organization and mode; another organization's id is 404. The bytes
are in the blob store; a row names a blob only once it is committed (and claimed by the upload
until the row commits), and a blob no row names any more is deleted after the change commits,
or by the worker's collector when that deletion never ran (a crash in between).
"""

from __future__ import annotations

import logging
import mimetypes
import re
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from charter.events import audit
from charter.events.audit import Attribution
from charter.files import blobs, directories, paths, stores
from charter.files.uploads import Upload
from charter.identity.principals import Actor, Principal
from charter.platform import runtime
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, Malformed, NotFound, PayloadTooLarge
from storage.db import on_commit
from storage.models import File
from storage.repositories import files as repo
from storage.repositories.common import add

MEDIA_TYPE = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$"
)
OCTET_STREAM = "application/octet-stream"
log = logging.getLogger("charter")


def store() -> blobs.BlobStore:
    return stores.store_for(runtime.current().settings)


def to_dict(file: Any) -> dict[str, Any]:
    """A file or directory as seed 001 lists it, plus content type, checksum, version, times."""
    return {
        "id": file.id,
        "name": file.name,
        "size": file.size,
        "type": file.type,
        "modified": isoformat(file.modified_at),
        "path": file.path,
        "content_type": file.content_type,
        "checksum": file.checksum,
        "version": file.version,
        "created_at": isoformat(file.created_at),
    }


def media_type(given: str | None, name: str) -> str:
    """The type the client declared for the part (parameters kept), else one guessed from the
    name, else application/octet-stream."""
    if given:
        base = given.split(";", 1)[0].strip()
        if MEDIA_TYPE.match(base) and len(given) <= 255 and given.isprintable():
            return given.strip() if base.lower() != OCTET_STREAM else OCTET_STREAM
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or OCTET_STREAM


async def list_files(
    session: AsyncSession,
    actor: Actor,
    *,
    path: str | None,
    limit: int,
    offset: int,
    sort: str = "name",
    order: str = "asc",
) -> dict[str, Any]:
    """The direct children of a directory, seed 001's `{files, total, limit, offset}`."""
    principal = actor.require()
    directory = paths.directory(path, field="query.path")
    if directory != paths.ROOT:
        found = await repo.get_by_path(
            session,
            organization_id=principal.organization_id,
            livemode=principal.livemode,
            path=directory,
        )
        if found is None or found.type != "directory":
            raise NotFound(f"No directory at {directory}")
    rows, total = await repo.children(
        session,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        parent=directory,
        sort=sort,
        descending=order == "desc",
        limit=limit,
        offset=offset,
    )
    return {
        "files": [to_dict(row) for row in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
    }


async def get(session: AsyncSession, actor: Actor, file_id: str) -> File:
    principal = actor.require()
    found = await repo.get(
        session,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        file_id=file_id,
    )
    if found is None:
        raise NotFound("File not found")
    return found


async def get_file(session: AsyncSession, actor: Actor, file_id: str) -> File:
    """A file (not a directory) of the caller's, for its bytes."""
    found = await get(session, actor, file_id)
    if found.type != "file":
        raise Malformed(f"{found.path} is a directory, not a file", field="path.file_id")
    return found


async def create_directory(session: AsyncSession, actor: Actor, path: str) -> dict[str, Any]:
    """An explicit (kept when empty) directory and its missing ancestors; 409 for an existing
    one, unless it was implicit: it becomes explicit."""
    return to_dict(await directories.create(session, actor.require(), path))


async def _check_quota(
    session: AsyncSession, organization_id: str, added: int, replaced: int
) -> None:
    """Refuse an upload that would exceed the plan's storage quota of the organization that
    owns the file. The organization's row is locked first (until the upload's transaction
    ends), so concurrent uploads of one organization are summed one after another and cannot
    together exceed the quota."""
    plan, quota = await repo.quota(session, organization_id=organization_id, lock=True)
    if quota is None:
        return
    used = await repo.used_bytes(session, organization_id=organization_id)
    if used - replaced + added > quota:
        raise PayloadTooLarge(
            f"Storage quota exceeded: the {plan} plan stores at most {quota} bytes of files "
            f"and {used} are used"
        )


async def save_upload(
    session: AsyncSession,
    actor: Actor,
    upload: Upload,
    *,
    directory: str | None,
    overwrite: bool,
) -> dict[str, Any]:
    """Record an uploaded blob at `directory/<its file name>`: a new file, or with `overwrite`
    a new version of the file there (same id). Announces `file.created`."""
    principal = actor.require()
    parent = paths.directory(directory, field="body.path")
    name = paths.file_name(upload.filename, field="body.file")
    path = paths.join(parent, name, field="body.path")
    existing = await _file_to_overwrite(session, principal, path, overwrite=overwrite)
    if existing is not None:
        return await replace_version(session, actor, existing, upload)
    now = utcnow()
    await _check_quota(session, principal.organization_id, upload.blob.size, 0)
    # `directory` is where the file goes: a file there (or above) cannot hold it
    await directories.make_implicit(
        session, principal, paths.ancestors(path), now, field="body.path"
    )
    file = await _add_file(session, principal, upload, path=path, parent=parent, name=name, now=now)
    return await _announce_upload(session, actor, file, now)


async def _file_to_overwrite(
    session: AsyncSession, principal: Principal, path: str, *, overwrite: bool
) -> File | None:
    """The file at `path`, locked, that the upload replaces (None: nothing there); 409 for a
    directory, or for a file without `overwrite`."""
    # The organization's row before the file's (the one order of every writer of files)
    await repo.lock_organization(session, principal.organization_id)
    existing = await repo.get_by_path(
        session,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        path=path,
        lock=True,
    )
    if existing is not None and existing.type == "directory":
        raise Conflict(f"{path} is a directory", field="body.file")
    if existing is not None and not overwrite:
        raise Conflict(
            f"A file already exists at {path}; send overwrite=true to replace it",
            field="body.overwrite",
        )
    return existing


async def _add_file(
    session: AsyncSession,
    principal: Principal,
    upload: Upload,
    *,
    path: str,
    parent: str,
    name: str,
    now: datetime,
) -> File:
    """A new file's row (version 1) naming the uploaded blob; 409 when a concurrent upload
    created one at its path first."""
    file = await add(
        session,
        File(
            id=new_id("file"),
            type="file",
            path=path,
            parent=parent,
            name=name,
            size=upload.blob.size,
            content_type=media_type(upload.content_type, name),
            checksum=upload.blob.sha256,
            blob_key=upload.blob.key,
            version=1,
            created_at=now,
            modified_at=now,
            organization_id=principal.organization_id,
            livemode=principal.livemode,
        ),
    )
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict(
            f"A file already exists at {path}; send overwrite=true", field="body.overwrite"
        ) from None
    return file


async def replace_version(
    session: AsyncSession,
    actor: Attribution,
    file: File,
    upload: Upload,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The uploaded blob as the next version of `file` (same id, path and name; the caller
    locked its organization's row, then the file's), charged to the quota of the organization
    that owns it; the previous blob is deleted once this commits. Announces `file.created`, as
    every upload does."""
    await _check_quota(session, file.organization_id, upload.blob.size, file.size)
    now = utcnow()
    previous_key = file.blob_key
    file.size = upload.blob.size
    file.content_type = media_type(upload.content_type, file.name)
    file.checksum = upload.blob.sha256
    file.blob_key = upload.blob.key
    file.version += 1
    file.modified_at = now
    if previous_key and previous_key != upload.blob.key:
        on_commit(session, lambda: discard(previous_key))
    return await _announce_upload(session, actor, file, now, details)


async def _announce_upload(
    session: AsyncSession,
    actor: Attribution,
    file: File,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Announce `file.created` for a new file or version; the upload's answer."""
    await audit.announce(
        session,
        actor,
        event="file.created",
        resource_type="file",
        resource_id=file.id,
        organization_id=file.organization_id,
        livemode=file.livemode,
        details={"path": file.path, "size": file.size, "version": file.version, **(details or {})},
        payload={
            "file_id": file.id,
            "name": file.name,
            "path": file.path,
            "size": file.size,
            "content_type": file.content_type,
            "checksum": file.checksum,
            "version": file.version,
        },
    )
    return {
        "id": file.id,
        "name": file.name,
        "size": file.size,
        "upload_time": isoformat(now),
        "path": file.path,
        "content_type": file.content_type,
        "checksum": file.checksum,
        "version": file.version,
    }


async def delete(session: AsyncSession, actor: Actor, file_id: str) -> dict[str, Any]:
    """Delete a file (its blob once no row names it) or an empty directory, then the implicit
    directories above it that it leaves empty; `file.deleted`."""
    principal = actor.require()
    file = await get(session, actor, file_id)
    await repo.lock_organization(session, principal.organization_id)  # before the file's row
    if file.type == "directory":  # nothing lands in it now
        if await repo.has_children(
            session,
            organization_id=principal.organization_id,
            livemode=principal.livemode,
            parent=file.path,
        ):
            raise Conflict(
                f"{file.path} is not empty: delete what it holds first", field="path.file_id"
            )
    # The key the row names when deleted (an overwrite may have committed since it was read)
    deleted, key = await repo.delete_file(session, file)
    if not deleted:
        raise NotFound("File not found")  # deleted by a concurrent request meanwhile
    await directories.prune(session, principal, file.parent)
    now = utcnow()
    if key:
        on_commit(session, lambda: discard(key))
    await audit.announce(
        session,
        actor,
        event="file.deleted",
        resource_type="file",
        resource_id=file.id,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        details={"path": file.path},
        payload={"file_id": file.id, "name": file.name, "path": file.path, "type": file.type},
    )
    return {"success": True, "deleted_at": isoformat(now)}


async def is_referenced(key: str) -> bool:
    async with runtime.current().db.read() as session:
        return bool(await repo.referenced(session, [key]))


async def discard(key: str) -> bool:
    """Delete a blob that no row names (after the change that dropped it committed). A store
    that fails here does not fail the change, which has committed: the blob stays until the
    worker's collector deletes it."""
    try:
        return await store().delete_unreferenced(key, is_referenced)
    except Exception:  # noqa: BLE001 - logged; the collector retries it
        log.warning("deleting an unreferenced blob failed; the collector will", exc_info=True)
        return False
