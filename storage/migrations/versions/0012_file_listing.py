"""files: a maintained count of each directory's entries, for a listing's exact `total`, and
the listing index ending in the id (the tie-break of every sort), so a page by name is read in
index order without sorting

Counting a directory's rows read every index entry of it (100,000 entries: most of a listing's
time); the count is kept per (organization, mode, parent) instead, by triggers on `files` (on
both databases), so every writer keeps it, the API and rows written straight into the database
alike. Backfilled from the rows at the upgrade.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ADD = (
    "INSERT INTO file_counts (organization_id, livemode, parent, entries) "
    "VALUES (NEW.organization_id, NEW.livemode, NEW.parent, 1) "
    "ON CONFLICT (organization_id, livemode, parent) "
    "DO UPDATE SET entries = file_counts.entries + 1"
)
REMOVE = (
    "UPDATE file_counts SET entries = entries - 1 WHERE organization_id = OLD.organization_id "
    "AND livemode = OLD.livemode AND parent = OLD.parent"
)
MOVED = (
    "OLD.parent <> NEW.parent OR OLD.organization_id <> NEW.organization_id "
    "OR OLD.livemode <> NEW.livemode"
)

POSTGRESQL = [
    f"""
    CREATE FUNCTION files_count_entries() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ({MOVED})) THEN
            {REMOVE};
        END IF;
        IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND ({MOVED})) THEN
            {ADD};
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER files_count_entries AFTER INSERT OR DELETE OR UPDATE OF parent, "
    "organization_id, livemode ON files FOR EACH ROW EXECUTE FUNCTION files_count_entries()",
]
SQLITE = [
    f"CREATE TRIGGER files_count_insert AFTER INSERT ON files BEGIN {ADD}; END",
    f"CREATE TRIGGER files_count_delete AFTER DELETE ON files BEGIN {REMOVE}; END",
    "CREATE TRIGGER files_count_update AFTER UPDATE OF parent, organization_id, livemode "
    f"ON files WHEN {MOVED} BEGIN {REMOVE}; {ADD}; END",
]


def upgrade() -> None:
    op.create_table(
        "file_counts",
        sa.Column("organization_id", sa.String(length=40), nullable=False),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("parent", sa.String(length=1024), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("organization_id", "livemode", "parent"),
    )
    op.execute(
        "INSERT INTO file_counts (organization_id, livemode, parent, entries) "
        "SELECT organization_id, livemode, parent, count(*) FROM files "
        "GROUP BY organization_id, livemode, parent"
    )
    op.drop_index("ix_files_parent", table_name="files")
    op.create_index(
        "ix_files_parent", "files", ["organization_id", "livemode", "parent", "name", "id"]
    )
    statements = POSTGRESQL if op.get_bind().dialect.name == "postgresql" else SQLITE
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER files_count_entries ON files")
        op.execute("DROP FUNCTION files_count_entries()")
    else:
        for name in ("files_count_insert", "files_count_delete", "files_count_update"):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("file_counts")
    op.drop_index("ix_files_parent", table_name="files")
    op.create_index("ix_files_parent", "files", ["organization_id", "livemode", "parent", "name"])
