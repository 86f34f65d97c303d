"""Files (seed 001's CloudSync): one row per file or directory, and the shares of a file.

The bytes live in the blob store (charter.files.blobs); a file row names its blob by `blob_key`
only after the blob is committed. Directories are rows too (`type = "directory"`), created for
every ancestor of an uploaded file or on their own, so a listing is one indexed range of
`parent`. A directory created on its own is `explicit` and stays until it is deleted; the others
(implicit) exist through what they hold and are deleted with the last entry under them.
`path` is the normalised absolute path, unique per organization and mode.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class File(Base):
    __tablename__ = "files"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    type: Mapped[str] = mapped_column(String(16))  # "file" | "directory"
    path: Mapped[str] = mapped_column(String(1024))
    parent: Mapped[str] = mapped_column(String(1024))  # the directory holding it ("/": root)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    content_type: Mapped[str | None] = mapped_column(String(255))
    checksum: Mapped[str | None] = mapped_column(String(64))  # hex SHA-256 of the bytes
    blob_key: Mapped[str | None] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Directories only: created on its own (kept when empty), not just above something.
    explicit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime]
    modified_at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("organization_id", "livemode", "path", name="uq_files_path"),
        Index("ix_files_parent", "organization_id", "livemode", "parent", "name", "id"),
        Index("ix_files_blob", "blob_key"),
    )


class FileCount(Base):
    """How many entries a directory holds (`parent` "/" is the root), kept by triggers on
    `files` (migration 0012) so that a listing's `total` is one row, not a count of the rows."""

    __tablename__ = "file_counts"
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    livemode: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    parent: Mapped[str] = mapped_column(String(1024), primary_key=True)
    entries: Mapped[int] = mapped_column(BigInteger, default=0)


class FileShare(Base):
    """A link to one file for one recipient: the token is stored as its SHA-256 only, the
    password (when there is one) as an argon2id hash; wrong passwords are counted."""

    __tablename__ = "file_shares"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"))
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email_enc: Mapped[str] = mapped_column(String(1024))
    permissions: Mapped[str] = mapped_column(String(16))  # "view" | "edit"
    expires_at: Mapped[datetime | None]
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    __table_args__ = (Index("ix_file_shares_file", "file_id", "created_at"),)
