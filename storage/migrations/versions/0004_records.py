"""data collections: JSON records (JSONB on PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("organization_id", sa.String(length=40), nullable=False),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("collection", sa.String(length=64), nullable=False),
        sa.Column("data", DOCUMENT, nullable=False),
        sa.Column("metadata", DOCUMENT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_records_collection_created",
        "records",
        ["organization_id", "livemode", "collection", "created_at", "id"],
    )
    op.create_index("ix_records_expires_at", "records", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_records_expires_at", table_name="records")
    op.drop_index("ix_records_collection_created", table_name="records")
    op.drop_table("records")
