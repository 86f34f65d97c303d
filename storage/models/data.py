"""Data collections: schemaless JSON records (seed 000's data operations, seed 004's /v1/data).

A record's `data` and `metadata` are JSON documents (JSONB on PostgreSQL, JSON text on SQLite).
Filters and sorts run in SQL over them (storage/repositories/record_query.py), never in Python.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

# One document type for both databases: JSONB (indexable, typed operators) on PostgreSQL.
Document = JSON().with_variant(JSONB(), "postgresql")


class Record(Base):
    __tablename__ = "records"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    collection: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(Document)
    # `metadata` is taken on declarative classes: the attribute is `meta`, the column `metadata`.
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", Document)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    __table_args__ = (
        # A collection's records in list order (newest first, ties by id) and by id.
        Index(
            "ix_records_collection_created",
            "organization_id",
            "livemode",
            "collection",
            "created_at",
            "id",
        ),
        Index("ix_records_expires_at", "expires_at"),
    )
    # Optimistic concurrency: every UPDATE checks and bumps the version, so two editors that read
    # the same version cannot both write (the second fails instead of overwriting).
    __mapper_args__ = {"version_id_col": version}
