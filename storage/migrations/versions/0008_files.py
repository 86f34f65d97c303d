"""files: files and directories (seed 001's CloudSync), their shares, and a storage quota per plan

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)
GIB = 1024**3

# Bytes of files per plan (None: no quota). Plans added later get NULL until an operator sets it.
QUOTAS = {
    "free": 1 * GIB,
    "pro": 100 * GIB,
    "enterprise": 1024 * GIB,
    "unlimited": None,
    "cloudsync-basic": 10 * GIB,
    "cloudsync-professional": 1024 * GIB,
    "cloudsync-enterprise": None,
    "platform-standard": 100 * GIB,
    "platform-professional": 1024 * GIB,
    "hourly-free": 1 * GIB,
    "hourly-starter": 10 * GIB,
    "hourly-pro": 100 * GIB,
    "hourly-enterprise": None,
}


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("storage_bytes", sa.BigInteger(), nullable=True))
    plans = sa.table(
        "plans", sa.column("name", sa.String), sa.column("storage_bytes", sa.BigInteger)
    )
    for name, quota in QUOTAS.items():
        op.execute(plans.update().where(plans.c.name == name).values(storage_bytes=quota))

    op.create_table(
        "files",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("organization_id", sa.String(length=40), nullable=False),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("path", sa.String(length=1024), nullable=False),
        sa.Column("parent", sa.String(length=1024), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=True),
        sa.Column("checksum", sa.String(length=64), nullable=True),
        sa.Column("blob_key", sa.String(length=255), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("modified_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "livemode", "path", name="uq_files_path"),
    )
    op.create_index("ix_files_parent", "files", ["organization_id", "livemode", "parent", "name"])
    op.create_index("ix_files_blob", "files", ["blob_key"])
    op.create_table(
        "file_shares",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("file_id", sa.String(length=40), nullable=False),
        sa.Column("organization_id", sa.String(length=40), nullable=False),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email_enc", sa.String(length=1024), nullable=False),
        sa.Column("permissions", sa.String(length=16), nullable=False),
        sa.Column("expires_at", TIME, nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_at", TIME, nullable=True),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(["file_id"], ["files.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_file_shares_file", "file_shares", ["file_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_file_shares_file", table_name="file_shares")
    op.drop_table("file_shares")
    op.drop_index("ix_files_blob", table_name="files")
    op.drop_index("ix_files_parent", table_name="files")
    op.drop_table("files")
    # Native DROP COLUMN (SQLite 3.35+): a recreated `plans` could not be dropped while
    # organizations reference it with foreign keys on (as in 0003).
    with op.batch_alter_table("plans", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("storage_bytes")
