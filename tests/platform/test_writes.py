"""storage/writes.py: on PostgreSQL a transaction's new rows are written on the driver with its
commit, and whatever else the unit does sees them exactly as the ORM session would have (the
same tests hold on SQLite, whose units keep the ORM session)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text

from charter.events import outbox
from charter.identity.organizations import new_organization
from charter.platform import runtime
from storage.models import AuditEvent, Organization, OutboxEvent
from storage.repositories.common import add
from storage.writes import WriteSession


@pytest.fixture
def db(app):
    """The app's database. The behaviour below holds on SQLite too (the ordinary session)."""
    return runtime.current().db


@pytest.fixture
def statements(db):
    seen: list[str] = []
    listener = lambda conn, cursor, statement, *rest: seen.append(statement)  # noqa: E731
    db.listen("before_cursor_execute", listener)
    yield seen
    db.unlisten("before_cursor_execute", listener)


def _read(db, model, **equal):
    with db.sync_transaction() as session:
        return session.scalars(select(model).filter_by(**equal)).all()


def _audit(organization_id: str) -> AuditEvent:
    return AuditEvent(
        id=f"aud_{organization_id[4:]}",
        organization_id=organization_id,
        actor_type="system",
        action="test.written",
        resource_type="organization",
        resource_id=organization_id,
        created_at=new_organization(name="x").created_at,
    )


def test_staged_rows_are_written_with_the_commit_in_one_statement(db, statements):
    if db.dialect != "postgresql":
        pytest.skip("the driver write path is PostgreSQL's; SQLite keeps the ORM session")
    org = new_organization(name="Staged")

    async def unit():
        async with db.transaction() as session:
            assert isinstance(session, WriteSession)
            # Staged child first: the rows go in foreign-key order whatever the staging order.
            await add(session, _audit(org.id))
            await add(session, org)
            await outbox.enqueue(
                session, event_type="test.written", organization_id=org.id, payload={"a": 1}
            )

    asyncio.run(unit())
    inserts = [s for s in statements if "INSERT" in s]
    assert len(inserts) == 1  # the three rows, one statement, then COMMIT
    assert inserts[0].startswith("WITH ")
    (row,) = _read(db, Organization, id=org.id)
    assert row.plan == "free"  # the column default, applied as the ORM's flush would
    assert org.plan == "free"  # and set on the object
    (audit,) = _read(db, AuditEvent, organization_id=org.id)
    assert audit.livemode is True and audit.details == {}
    (event,) = _read(db, OutboxEvent, organization_id=org.id)
    assert event.payload == {"a": 1}


def test_a_generated_key_comes_back_to_the_object(db):
    event = OutboxEvent(
        event_id=f"evt_{new_organization(name='x').id[4:]}",
        organization_id=None,
        event_type="test.key",
        payload={},
        created_at=new_organization(name="x").created_at,
    )

    async def unit():
        async with db.transaction() as session:
            await add(session, event)

    asyncio.run(unit())
    assert isinstance(event.id, int)
    (stored,) = _read(db, OutboxEvent, event_id=event.event_id)
    assert stored.id == event.id


def test_a_query_after_staging_sees_the_rows_and_later_changes_are_kept(db):
    org = new_organization(name="Before")

    async def unit():
        async with db.transaction() as session:
            await add(session, org)
            count = await session.scalar(
                select(func.count()).select_from(Organization).where(Organization.id == org.id)
            )
            assert count == 1  # the staged row was flushed by the ORM before the query
            org.name = "After"  # tracked by the ORM from then on: an UPDATE at commit

    asyncio.run(unit())
    (row,) = _read(db, Organization, id=org.id)
    assert row.name == "After"


def test_a_failed_commit_writes_nothing_and_raises_the_orms_error(db):
    first = new_organization(name="First")
    twin = new_organization(name="Twin")
    twin.id = first.id

    async def write(org, with_audit):
        async with db.transaction() as session:
            if with_audit:
                await add(session, _audit(org.id))
            await add(session, org)

    asyncio.run(write(first, with_audit=False))
    with pytest.raises(sa_exc.IntegrityError):
        asyncio.run(write(twin, with_audit=True))
    assert [row.name for row in _read(db, Organization, id=first.id)] == ["First"]
    assert _read(db, AuditEvent, organization_id=first.id) == []  # all or nothing


def test_a_rolled_back_unit_writes_nothing(db):
    org = new_organization(name="Rolled back")

    async def unit():
        async with db.transaction() as session:
            await add(session, org)
            raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError):
        asyncio.run(unit())
    assert _read(db, Organization, id=org.id) == []


def test_rows_the_orm_also_holds_are_ordered_by_the_orm(db):
    """With changes of the ORM's own pending, the staged rows join them: one flush orders all."""
    org = new_organization(name="Parent")

    async def unit():
        async with db.transaction() as session:
            session.add(_audit(org.id))  # the ORM's own pending row, a child of the staged one
            await add(session, org)

    asyncio.run(unit())
    assert len(_read(db, Organization, id=org.id)) == 1
    assert len(_read(db, AuditEvent, organization_id=org.id)) == 1


def _open_transactions(db) -> int:
    """Backends of this database other than the asking one that sit inside a transaction."""
    with db.sync_transaction() as session:
        return session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
            )
        )


def test_reads_before_the_writes_hold_no_transaction_open(db):
    """Until a unit needs one, its plain reads run as statements of their own (READ COMMITTED
    gives each statement its own snapshot anyway) and its new rows go in as one statement: no
    transaction sits open while the service works. A locking read does begin one."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite units begin at their first statement (BEGIN IMMEDIATE)")
    org = new_organization(name="No transaction")
    seen: list[int] = []

    async def unit():
        async with db.transaction() as session:
            await session.scalar(select(Organization.id).limit(1))
            await add(session, org)
            seen.append(await asyncio.to_thread(_open_transactions, db))
            await session.scalar(select(Organization.id).limit(1).with_for_update())
            seen.append(await asyncio.to_thread(_open_transactions, db))

    asyncio.run(unit())
    assert seen == [0, 1]
    assert [row.name for row in _read(db, Organization, id=org.id)] == ["No transaction"]
