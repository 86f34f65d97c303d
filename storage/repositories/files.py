"""File repositories: files and directories by id and path, directory listings, storage used,
which blobs rows still name, and shares."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import File, FileCount, FileShare, Organization, Plan
from storage.repositories.common import page_rows, plain_rows

SORTS: dict[str, Any] = {"name": File.name, "size": File.size, "modified": File.modified_at}


def _scope(organization_id: str, livemode: bool) -> list[ColumnElement[bool]]:
    return [File.organization_id == organization_id, File.livemode == livemode]


async def get(
    session: AsyncSession, *, organization_id: str, livemode: bool, file_id: str
) -> File | None:
    statement = select(File).where(File.id == file_id, *_scope(organization_id, livemode))
    found: File | None = (await session.execute(statement)).scalar_one_or_none()
    return found


async def get_by_path(
    session: AsyncSession, *, organization_id: str, livemode: bool, path: str, lock: bool = False
) -> File | None:
    statement = select(File).where(File.path == path, *_scope(organization_id, livemode))
    if lock:
        statement = statement.with_for_update()
    found: File | None = (await session.execute(statement)).scalar_one_or_none()
    return found


async def insert_directories(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert directory rows, skipping paths that exist (made by a concurrent upload too)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(File).values(rows).on_conflict_do_nothing()
    await session.execute(statement)


async def has_children(
    session: AsyncSession, *, organization_id: str, livemode: bool, parent: str
) -> bool:
    """Does anything sit directly in this directory? (One index probe.)"""
    statement = (
        select(File.id).where(*_scope(organization_id, livemode), File.parent == parent).limit(1)
    )
    return (await session.execute(statement)).first() is not None


async def lock_organization(session: AsyncSession, organization_id: str) -> None:
    """Lock the organization's row until the transaction ends (FOR NO KEY UPDATE, as `quota`
    does): what changes an organization's directories runs one at a time."""
    statement = (
        select(Organization.id)
        .where(Organization.id == organization_id)
        .with_for_update(key_share=True)
    )
    await session.execute(statement)


async def not_directories(
    session: AsyncSession, *, organization_id: str, livemode: bool, paths: list[str]
) -> list[str]:
    """Which of these paths something other than a directory holds (a file)."""
    if not paths:
        return []
    statement = (
        select(File.path)
        .where(*_scope(organization_id, livemode), File.path.in_(paths), File.type != "directory")
        .order_by(File.path)
    )
    return list((await session.execute(statement)).scalars())


async def children(
    session: AsyncSession,
    *,
    organization_id: str,
    livemode: bool,
    parent: str,
    sort: str,
    descending: bool,
    limit: int,
    offset: int,
) -> tuple[list[Any], int]:
    """A page of a directory's entries (read-only, as named tuples) and their total, in one
    round trip. The total is the directory's row of `file_counts` (kept by triggers on
    `files`), riding on each row: counting the rows read every index entry of the directory
    (100,000 entries: most of the listing's time). A page past the end has no row to carry
    it, so only then is it read on its own."""
    params = {
        "b_organization_id": organization_id,
        "b_livemode": livemode,
        "b_parent": parent,
        "b_limit": limit,
        "b_offset": offset,
    }
    rows = (await session.execute(_children(sort, descending), params)).all()
    if rows:
        page = plain_rows(rows, len(rows[0]) - 1)  # less the total
        if offset == 0 and len(rows) < limit:
            return page, len(rows)
        return page, int(rows[0][-1] or 0)
    if offset == 0:
        return [], 0
    total = (await session.execute(_count(), params)).scalar_one_or_none()
    return [], int(total or 0)


@functools.cache
def _count() -> Select[Any]:
    return select(FileCount.entries).where(
        FileCount.organization_id == bindparam("b_organization_id"),
        FileCount.livemode == bindparam("b_livemode"),
        FileCount.parent == bindparam("b_parent"),
    )


@functools.cache
def _children(sort: str, descending: bool) -> Select[Any]:
    """`children`'s statement, built once per order (building it and its cache key cost more
    than the page's SQL)."""
    column = SORTS[sort]
    order = [column.desc(), File.id.desc()] if descending else [column.asc(), File.id.asc()]
    return (
        select(File.__table__, _count().scalar_subquery().label("_total"))
        .where(
            File.organization_id == bindparam("b_organization_id"),
            File.livemode == bindparam("b_livemode"),
            File.parent == bindparam("b_parent"),
        )
        .order_by(*order)
        .limit(bindparam("b_limit", type_=Integer))
        .offset(bindparam("b_offset", type_=Integer))
    )


async def used_bytes(session: AsyncSession, *, organization_id: str) -> int:
    """Bytes of files the organization stores (both modes)."""
    statement = select(func.coalesce(func.sum(File.size), 0)).where(
        File.organization_id == organization_id, File.type == "file"
    )
    return int((await session.execute(statement)).scalar_one())


async def quota(
    session: AsyncSession, *, organization_id: str, lock: bool = False
) -> tuple[str, int | None]:
    """The organization's plan and its storage quota in bytes (None: no quota). With `lock`
    the organization's row stays locked until the transaction ends (not the plan's, shared by
    other organizations), which serialises the quota checks of one organization's uploads.
    FOR NO KEY UPDATE on PostgreSQL: it does not wait for the key-share locks that inserting
    any row referencing the organization takes (FOR UPDATE would)."""
    statement = (
        select(Plan.name, Plan.storage_bytes)
        .join(Organization, Organization.plan == Plan.name)
        .where(Organization.id == organization_id)
    )
    if lock:
        statement = statement.with_for_update(of=Organization, key_share=True)
    row = (await session.execute(statement)).first()
    if row is None:
        return "", None
    return str(row[0]), row[1]


async def referenced(session: AsyncSession, keys: list[str]) -> set[str]:
    """Which of these blob keys a file row names."""
    if not keys:
        return set()
    statement = select(File.blob_key).where(File.blob_key.in_(keys)).distinct()
    return {key for key in (await session.execute(statement)).scalars() if key}


async def delete_file(session: AsyncSession, file: File) -> tuple[bool, str | None]:
    """Delete the row: whether there was one, and the blob key it named when deleted (an
    overwrite that committed meanwhile changed it)."""
    statement = (
        delete(File)
        .where(File.id == file.id)
        .returning(File.blob_key)
        .execution_options(synchronize_session=False)
    )
    row = (await session.execute(statement)).first()
    return (row is not None, row[0] if row is not None else None)


# shares ----------------------------------------------------------------------------------------


async def share_by_token(session: AsyncSession, token_hash: str) -> FileShare | None:
    statement = select(FileShare).where(FileShare.token_hash == token_hash)
    found: FileShare | None = (await session.execute(statement)).scalar_one_or_none()
    return found


async def shares_of(
    session: AsyncSession, *, file_id: str, limit: int, offset: int
) -> tuple[list[Any], int]:
    statement = (
        select(FileShare.__table__)
        .where(FileShare.file_id == file_id)
        .order_by(FileShare.created_at.desc(), FileShare.id.desc())
    )
    return await page_rows(session, statement, limit=limit, offset=offset)


async def share(session: AsyncSession, *, file_id: str, share_id: str) -> FileShare | None:
    statement = select(FileShare).where(FileShare.id == share_id, FileShare.file_id == file_id)
    found: FileShare | None = (await session.execute(statement)).scalar_one_or_none()
    return found


async def spend_share_attempt(
    session: AsyncSession, share_id: str, max_attempts: int
) -> int | None:
    """Count one password attempt at a share, atomically (a row lock until the transaction
    ends serialises concurrent attempts): the attempt's number, or None when the share is
    locked or out of attempts, so at most `max_attempts` passwords are ever checked."""
    statement = (
        update(FileShare)
        .where(
            FileShare.id == share_id,
            FileShare.locked_at.is_(None),
            FileShare.failed_attempts < max_attempts,
        )
        .values(failed_attempts=FileShare.failed_attempts + 1)
        .returning(FileShare.failed_attempts)
        .execution_options(synchronize_session=False)
    )
    spent: int | None = (await session.execute(statement)).scalar_one_or_none()
    return spent


async def settle_share_attempt(
    session: AsyncSession, share_id: str, *, right: bool, locked_at: Any = None
) -> None:
    """After the password was checked: a right one clears the count; a wrong one that used the
    last attempt locks the share."""
    values: dict[str, Any] = {"failed_attempts": 0} if right else {"locked_at": locked_at}
    await session.execute(
        update(FileShare)
        .where(FileShare.id == share_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
