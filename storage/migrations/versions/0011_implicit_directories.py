"""files: tell directories created on their own (kept when empty) from implicit ones

Implicit directories (made above an uploaded file) are deleted with the last entry under them
from now on. Every directory that exists at the upgrade is marked explicit: which of them were
created on their own is not recorded, and none may disappear that did not before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("files") as batch:
        batch.add_column(
            sa.Column("explicit", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    files = sa.table("files", sa.column("type", sa.String), sa.column("explicit", sa.Boolean))
    op.execute(files.update().where(files.c.type == "directory").values(explicit=True))


def downgrade() -> None:
    with op.batch_alter_table("files") as batch:
        batch.drop_column("explicit")
