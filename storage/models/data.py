"""Data collections: schemaless JSON records (seed 000's data operations, seed 004's /v1/data).

A record's `data` and `metadata` are JSON documents (JSONB on PostgreSQL, JSON text on SQLite).
Filters and sorts run in SQL over them (storage/repositories/record_query.py), never in Python.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
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


class Collection(Base):
    """A collection's declaration (`PUT /v2/collections/{name}`): an optional JSON Schema its
    records' `data` must satisfy and the data fields to index. A collection exists without one
    (first write of a record); `version` goes up with every declaration, and caches of compiled
    schemas are keyed by it."""

    __tablename__ = "collections"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(64))
    json_schema: Mapped[dict[str, Any] | None] = mapped_column(Document, nullable=True)
    indexes: Mapped[list[str]] = mapped_column(Document)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("organization_id", "livemode", "name", name="uq_collections_scope"),
    )


class CollectionIndex(Base):
    """One physical expression index over `records` that a declaration uses. Indexes are shared:
    every collection that declares the same field (and type) uses the same index, whose leading
    columns are (organization_id, livemode, collection); an index is dropped when the last
    declaration that uses it goes (storage/repositories/collections.py)."""

    __tablename__ = "collection_indexes"
    collection_id: Mapped[str] = mapped_column(
        ForeignKey("collections.id", ondelete="CASCADE"), primary_key=True
    )
    index_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    field: Mapped[str] = mapped_column(String(600))
    kind: Mapped[str] = mapped_column(String(8))  # "number" | "string"
    __table_args__ = (Index("ix_collection_indexes_index_name", "index_name"),)


# Expression indexes that collection declarations create at run time (storage/repositories/
# collections.py): not part of the migrated schema, so schema comparison and autogenerate leave
# them alone instead of proposing to drop tenants' indexes.
RUNTIME_INDEX_PREFIX = "ix_records_f_"


def migrated(name: str | None, type_: str, _parent: object = None) -> bool:
    """Alembic's `include_name` hook: False for the run-time objects above."""
    return not (type_ == "index" and name is not None and name.startswith(RUNTIME_INDEX_PREFIX))
