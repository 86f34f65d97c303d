"""webhook queue tables: autovacuum and analyze after 1-2% of their rows change, not 20% and 10%

`webhook_deliveries` is a queue: each delivery is updated twice (leased, then settled), and
neither update is HOT (both change indexed columns), so a busy worker leaves dead rows and index
entries faster than the default thresholds reclaim them. After one in-process run of 3,000
deliveries the table held 52,500 dead rows beside 500 live ones; the claim query, planned on
stale statistics, seq-scanned them, and one worker delivered 76/s, against 130/s once vacuumed.
The outbox is updated once per event (published) and purged after its retention. PostgreSQL only:
SQLite has no autovacuum to tune.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

QUEUES = ("webhook_deliveries", "outbox_events")
SETTINGS = ("autovacuum_vacuum_scale_factor", "autovacuum_analyze_scale_factor")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in QUEUES:
        op.execute(
            f"ALTER TABLE {table} SET (autovacuum_vacuum_scale_factor = 0.01, "
            "autovacuum_analyze_scale_factor = 0.02)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in QUEUES:
        op.execute(f"ALTER TABLE {table} RESET ({', '.join(SETTINGS)})")
