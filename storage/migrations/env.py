"""Alembic environment: the URL comes from the caller (charter migrate) or CHARTER_DATABASE_URL."""

from alembic import context
from sqlalchemy import create_engine

from storage.models import Base
from storage.models.data import migrated

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=migrated,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
