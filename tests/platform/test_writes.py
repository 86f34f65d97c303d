"""storage/writes.py: on PostgreSQL a transaction's new rows are written on the driver with its
commit, and whatever else the unit does sees them exactly as the ORM session would have (the
same tests hold on SQLite, whose units keep the ORM session)."""

from __future__ import annotations

import asyncio
import time
import uuid

import anyio
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


def _outbox_event(**given) -> OutboxEvent:
    return OutboxEvent(
        event_id=f"evt_{new_organization(name='x').id[4:]}",
        organization_id=None,
        event_type="test.key",
        payload={},
        created_at=new_organization(name="x").created_at,
        **given,
    )


def _write(db, *rows) -> None:
    """One unit of work that adds `rows` and commits."""

    async def unit():
        async with db.transaction() as session:
            for row in rows:
                await add(session, row)

    asyncio.run(unit())


def test_a_generated_key_comes_back_to_the_object(db):
    event = _outbox_event()
    _write(db, event)
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

    _write(db, first)
    with pytest.raises(sa_exc.IntegrityError):
        _write(db, _audit(twin.id), twin)
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


def test_a_rolled_back_savepoint_takes_only_its_own_rows(db):
    """The ORM flushes what is pending before a SAVEPOINT; staged rows are pending rows."""
    before, inside = new_organization(name="Before the savepoint"), new_organization(name="In it")

    class Refused(Exception):
        pass

    async def unit():
        async with db.transaction() as session:
            await add(session, before)
            try:
                async with session.begin_nested():
                    await add(session, inside)
                    raise Refused
            except Refused:
                pass

    asyncio.run(unit())
    assert len(_read(db, Organization, id=before.id)) == 1
    assert _read(db, Organization, id=inside.id) == []


def test_none_is_written_as_the_orm_writes_it(db):
    """Explicit None in a JSON column is JSON null (the type stores None as a value); a column
    the object has no value for takes its default."""
    org = new_organization(name="Nulls")
    event = _audit(org.id)
    event.details = None
    _write(db, org, event)
    with db.sync_transaction() as session:
        sql_null, livemode = session.execute(
            text("SELECT details IS NULL, livemode FROM audit_events WHERE id = :id"),
            {"id": event.id},
        ).one()
    assert not sql_null  # JSON null, not SQL NULL
    assert livemode in (True, 1)  # the column's default
    assert event.livemode is True


def _next_outbox_position(db) -> int:
    """The position the outbox would have given next: an explicit key taken from its own
    sequence, so the test leaves no position out of order for the event stream's poller (an
    arbitrary large key would move every stream's horizon past the events after it)."""
    with db.sync_transaction() as session:
        if db.dialect == "postgresql":
            query = "SELECT nextval(pg_get_serial_sequence('outbox_events', 'id'))"
        else:
            query = "SELECT coalesce(max(id), 0) + 1 FROM outbox_events"
        return int(session.scalar(text(query)))


def test_a_key_the_caller_gives_is_kept(db):
    wanted = _next_outbox_position(db)
    event = _outbox_event(id=wanted)
    _write(db, event)
    assert event.id == wanted
    assert [row.id for row in _read(db, OutboxEvent, event_id=event.event_id)] == [wanted]


def test_a_cancelled_unit_writes_nothing(db):
    """A unit cancelled while its INSERT waits (its request's deadline passed: the client got
    a 504) must not write afterwards: the statement in flight is cancelled."""
    if db.dialect != "postgresql":
        pytest.skip("a second writer waits on SQLite's lock before its first statement")
    import psycopg

    org = new_organization(name="Cancelled")
    # The INSERT's foreign-key check waits for this lock on the plan row.
    locker = psycopg.connect(db.url.replace("postgresql+psycopg://", "postgresql://"))
    locker.execute("SELECT name FROM plans WHERE name = 'free' FOR UPDATE")

    async def unit() -> bool:
        with anyio.move_on_after(0.5) as scope:
            async with db.transaction() as session:
                await add(session, org)
        return scope.cancelled_caught

    try:
        assert asyncio.run(unit())
    finally:
        locker.rollback()
        locker.close()
    time.sleep(0.5)
    assert _read(db, Organization, id=org.id) == []


def test_a_batch_item_refused_in_its_savepoint_keeps_the_items_before_it(client, make_tenant, db):
    """`POST /v1/users/batch` writes each item in a savepoint: a refused item (409) rolls back
    its own rows only, never the audit row and event of an item created before it."""
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    taken = f"taken{uuid.uuid4().hex[:8]}"
    password = "a long enough password"
    first = {"username": taken, "email": f"{taken}@example.com", "password": password}
    assert client.post("/v1/users", headers=headers, json=first).status_code == 201
    fresh = f"fresh{uuid.uuid4().hex[:8]}"
    items = [
        {"username": fresh, "email": f"{fresh}@example.com", "password": password},
        {"username": taken, "email": f"other{taken}@example.com", "password": password},
    ]
    response = client.post("/v1/users/batch", headers=headers, json={"users": items})
    assert response.status_code == 200, response.text
    created = response.json()["data"][0]["data"]["id"]
    assert response.json()["data"][1]["status"] == 409
    audits = _read(db, AuditEvent, resource_id=created, action="user.created")
    events = [
        event
        for event in _read(db, OutboxEvent, organization_id=tenant.organization_id)
        if event.event_type == "user.created" and event.payload.get("user_id") == created
    ]
    assert len(audits) == 1 and len(events) == 1
