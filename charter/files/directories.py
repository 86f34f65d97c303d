"""Directories: made implicitly above every uploaded file, or explicitly on their own.

An implicit directory exists through what it holds: when the last entry under it goes (a file
deleted, or an explicit directory deleted), it goes too, and so on upwards. An explicit one (a
`POST /v2/files/directories`) stays, empty or not, until it is deleted. There is no move: an
overwrite keeps its path, so only deletions empty a directory.

What changes an organization's files and directories runs one at a time, under the lock of
the organization's row: a deletion cannot remove a directory an upload is filling, and two
creations of one directory cannot both succeed. Every writer takes that lock first, before any
file's row (and the directory counts the triggers of `files` keep), so they cannot deadlock.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from charter.files import paths
from charter.identity.principals import Principal
from charter.platform.clock import new_id, utcnow
from charter.platform.errors import Conflict
from storage.models import File
from storage.repositories import files as repo
from storage.repositories.common import add


def _row(principal: Principal, path: str, now: datetime, explicit: bool) -> dict[str, object]:
    return {
        "id": new_id("file"),
        "organization_id": principal.organization_id,
        "livemode": principal.livemode,
        "type": "directory",
        "path": path,
        "parent": paths.parent_of(path),
        "name": path.rsplit("/", 1)[-1],
        "size": 0,
        "content_type": None,
        "checksum": None,
        "blob_key": None,
        "version": 1,
        "explicit": explicit,
        "created_at": now,
        "modified_at": now,
    }


async def make_implicit(
    session: AsyncSession,
    principal: Principal,
    directory_paths: list[str],
    now: datetime,
    *,
    field: str,
) -> None:
    """Create the directories that do not exist (implicit); 409 naming `field` where a file
    holds one of the paths (never a file under a file). Checked after inserting: an insert that
    clashes with a concurrent upload's row waits for that upload's transaction, and is skipped
    once it commits, so only a read after the insert sees a file that a concurrent upload made
    at one of the paths meanwhile."""
    await repo.insert_directories(
        session, [_row(principal, path, now, explicit=False) for path in directory_paths]
    )
    clashes = await repo.not_directories(
        session,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        paths=directory_paths,
    )
    if clashes:
        raise Conflict(f"{clashes[0]} is a file, so it cannot hold other files", field=field)


async def create(session: AsyncSession, principal: Principal, path: str) -> File:
    """An explicit directory at `path` (its missing ancestors implicit). An implicit directory
    already there becomes explicit; anything else there is 409."""
    directory = paths.directory(path, field="body.path")
    if directory == paths.ROOT:
        raise Conflict("The root directory exists", field="body.path")
    await repo.lock_organization(session, principal.organization_id)
    existing = await repo.get_by_path(
        session,
        organization_id=principal.organization_id,
        livemode=principal.livemode,
        path=directory,
    )
    if existing is not None:
        if existing.type == "directory" and not existing.explicit:
            existing.explicit = True
            return existing
        raise Conflict(f"Something already exists at {directory}", field="body.path")
    now = utcnow()
    await make_implicit(session, principal, paths.ancestors(directory), now, field="body.path")
    created = await add(session, File(**_row(principal, directory, now, explicit=True)))
    try:
        await session.flush()
    except IntegrityError:  # made meanwhile (the lock makes this the exception)
        raise Conflict(f"Something already exists at {directory}", field="body.path") from None
    return created


async def prune(session: AsyncSession, principal: Principal, directory: str) -> list[str]:
    """After an entry of `directory` was deleted: delete the implicit directories from there
    upwards that now hold nothing; the paths deleted. The caller holds the organization's
    lock."""
    pruned: list[str] = []
    while directory != paths.ROOT:
        found = await repo.get_by_path(
            session,
            organization_id=principal.organization_id,
            livemode=principal.livemode,
            path=directory,
        )
        if found is None or found.type != "directory" or found.explicit:
            break
        if await repo.has_children(
            session,
            organization_id=principal.organization_id,
            livemode=principal.livemode,
            parent=directory,
        ):
            break
        await repo.delete_file(session, found)
        pruned.append(directory)
        directory = found.parent
    return pruned
