"""plan windows: an hourly window and a one-second burst on every plan, and the plans of seeds
001, 002 and 004 under their own ids (the table from seed tier to plan id: docs/RATE_LIMITS.md)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The seeds reuse tier names with other limits, so each tier gets an id of its own; seed 000's
# `free`, `pro` and `enterprise` (migration 0001) stay as they are. None: no limit on that window.
# Seed 002's Enterprise tier is "custom, negotiated": an operator inserts a row per contract.
PLANS = [
    # name, per minute, per hour, per day, burst (per second), description
    ("cloudsync-basic", 60, None, 10_000, None, "CloudSync Basic: 60/min, 10,000/day (seed 001)"),
    (
        "cloudsync-professional",
        300,
        None,
        100_000,
        None,
        "CloudSync Professional: 300/min, 100,000/day (seed 001)",
    ),
    (
        "cloudsync-enterprise",
        1000,
        None,
        None,
        None,
        "CloudSync Enterprise: 1,000/min, no daily cap (seed 001)",
    ),
    ("platform-standard", 100, None, None, None, "Platform Standard: 100/min (seed 002)"),
    (
        "platform-professional",
        1000,
        None,
        None,
        None,
        "Platform Professional: 1,000/min (seed 002)",
    ),
    ("hourly-free", None, 100, None, 10, "Free: 100/hour, burst 10/s (seed 004)"),
    ("hourly-starter", None, 1000, None, 50, "Starter: 1,000/hour, burst 50/s (seed 004)"),
    ("hourly-pro", None, 10_000, None, 200, "Pro: 10,000/hour, burst 200/s (seed 004)"),
    ("hourly-enterprise", None, None, None, None, "Enterprise: unlimited (seed 004)"),
]


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requests_per_hour", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("burst", sa.Integer(), nullable=True))
    plans = sa.table(
        "plans",
        sa.column("name", sa.String),
        sa.column("requests_per_minute", sa.Integer),
        sa.column("requests_per_hour", sa.Integer),
        sa.column("requests_per_day", sa.Integer),
        sa.column("burst", sa.Integer),
        sa.column("description", sa.String),
    )
    columns = ("name", "requests_per_minute", "requests_per_hour", "requests_per_day", "burst")
    op.bulk_insert(plans, [dict(zip((*columns, "description"), row, strict=True)) for row in PLANS])


def downgrade() -> None:
    """Refused while an organization is still on one of these plans: move it to another plan
    first (its limits are a business decision, not a migration's)."""
    names = [row[0] for row in PLANS]
    organizations = sa.table("organizations", sa.column("plan", sa.String))
    on_them = op.get_bind().scalar(
        sa.select(sa.func.count()).select_from(organizations).where(organizations.c.plan.in_(names))
    )
    if on_them:
        raise RuntimeError(f"{on_them} organization(s) are on plans this downgrade removes")
    plans = sa.table("plans", sa.column("name", sa.String))
    op.execute(plans.delete().where(plans.c.name.in_(names)))
    # Native DROP COLUMN (SQLite 3.35+): a recreated `plans` would have to be dropped, which
    # SQLite refuses while organizations reference it and foreign keys are on.
    with op.batch_alter_table("plans", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("burst")
        batch_op.drop_column("requests_per_hour")
