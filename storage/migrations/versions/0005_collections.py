"""collection declarations: JSON Schemas and indexed fields

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

The expression indexes a declaration creates over `records` are not part of this schema: they
are made and dropped at run time (storage/repositories/collections.py), named `ix_records_f_*`.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "collections",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("organization_id", sa.String(length=40), nullable=False),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("json_schema", DOCUMENT, nullable=True),
        sa.Column("indexes", DOCUMENT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "livemode", "name", name="uq_collections_scope"),
    )
    op.create_table(
        "collection_indexes",
        sa.Column("collection_id", sa.String(length=40), nullable=False),
        sa.Column("index_name", sa.String(length=63), nullable=False),
        sa.Column("field", sa.String(length=600), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["collection_id"], ["collections.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("collection_id", "index_name"),
    )
    op.create_index(
        "ix_collection_indexes_index_name", "collection_indexes", ["index_name"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_collection_indexes_index_name", table_name="collection_indexes")
    op.drop_table("collection_indexes")
    op.drop_table("collections")
