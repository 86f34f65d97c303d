"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from charter.platform import runtime
from storage.models import Base
from storage.models.data import migrated


def _differences() -> list:
    with runtime.current().db.engine.connect() as connection:
        options = {"compare_type": False, "include_name": migrated}
        context = MigrationContext.configure(connection, opts=options)
        return compare_metadata(context, Base.metadata)


def test_migrations_match_the_models(app):
    assert _differences() == []


def test_indexes_declared_at_run_time_are_not_schema_drift(app):
    # A collection's declared index (PUT /v2/collections/{name}) is made at run time; comparing
    # the schema must not propose to drop it, while any other stray index is still reported.
    db = runtime.current().db
    with db.engine.begin() as connection:
        connection.execute(text("CREATE INDEX ix_records_f_n_probe ON records (created_at)"))
        connection.execute(text("CREATE INDEX ix_stray_probe ON records (created_at)"))
    try:
        names = {diff[1].name for diff in _differences() if diff[0] == "remove_index"}
        assert names == {"ix_stray_probe"}
    finally:
        with db.engine.begin() as connection:
            connection.execute(text("DROP INDEX ix_records_f_n_probe"))
            connection.execute(text("DROP INDEX ix_stray_probe"))
