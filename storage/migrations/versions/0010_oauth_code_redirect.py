"""oauth: remember whether an authorization request sent redirect_uri (RFC 6749 4.1.3)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Codes live 60 s; those outstanding at the upgrade are treated as having sent it.
    with op.batch_alter_table("oauth_codes") as batch:
        batch.add_column(
            sa.Column("redirect_uri_sent", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("oauth_codes") as batch:
        batch.drop_column("redirect_uri_sent")
