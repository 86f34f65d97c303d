"""webhook claims: partial indexes for the due walk and the lease count

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

The claim walked every delivery with a correlated lease count per row (a sequential scan of the
whole delivery log on PostgreSQL); it now walks pending deliveries in due order on a partial index
and counts the leases held on another, both the size of the work waiting rather than of the log.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")
LEASED = sa.text("lease_until IS NOT NULL")


def upgrade() -> None:
    table = "webhook_deliveries"
    op.drop_index("ix_webhook_deliveries_due", table_name=table)
    op.drop_index("ix_webhook_deliveries_leases", table_name=table)
    op.create_index(
        "ix_webhook_deliveries_pending",
        table,
        ["next_attempt_at", "id"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )
    op.create_index(
        "ix_webhook_deliveries_leased",
        table,
        ["lease_until", "endpoint_id"],
        postgresql_where=LEASED,
        sqlite_where=LEASED,
    )


def downgrade() -> None:
    table = "webhook_deliveries"
    op.drop_index("ix_webhook_deliveries_leased", table_name=table)
    op.drop_index("ix_webhook_deliveries_pending", table_name=table)
    op.create_index("ix_webhook_deliveries_leases", table, ["endpoint_id", "lease_until"])
    op.create_index("ix_webhook_deliveries_due", table, ["status", "next_attempt_at"])
