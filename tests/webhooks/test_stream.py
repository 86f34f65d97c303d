"""GET /v2/events: the webhook events as Server-Sent Events. Live delivery, the caller's
organization, mode and scopes only, exact resume with Last-Event-ID (across a transaction
that commits late on PostgreSQL), max_wait and the stream deadline, the per-caller stream
limit, heartbeats, revocation, parameter validation and the outbox retention that bounds
resuming."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from contextlib import ExitStack
from datetime import timedelta
from types import SimpleNamespace

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.spec import bundled_spec
from charter.webhooks import catalog
from charter.webhooks import stream as event_stream
from charter.webhooks.stream_poller import RECORD_DELAY_SECONDS, Poller, gap_limit_seconds
from charter.webhooks.stream_slots import StreamSlots, lease_seconds
from storage.models import OutboxEvent
from tests.conftest import PG_URL, REDIS_URL, ServerProcess, server_env
from tests.factories import create_key, revoke_key
from tests.webhooks.conftest import auth, create_record

# -- helpers ----------------------------------------------------------------------------------


def parse(text: str) -> list[dict]:
    """SSE messages: each a dict of its fields, with its comment lines under `comments`."""
    messages = []
    for block in text.split("\n\n"):
        if not block:
            continue
        message: dict = {"comments": []}
        for line in block.split("\n"):
            if line.startswith(":"):
                message["comments"].append(line[1:].strip())
                continue
            name, _, value = line.partition(":")
            message[name] = value[1:] if value.startswith(" ") else value
        messages.append(message)
    return messages


def events_in(messages: list[dict]) -> list[dict]:
    """The events, each checked to be framed as documented (id, event, one line of JSON)."""
    events = []
    for message in messages:
        if "event" not in message:
            continue
        body = json.loads(message["data"])
        assert message["id"] == body["id"] and message["event"] == body["event"]
        assert set(body) == {"id", "event", "timestamp", "data"}
        events.append(body)
    return events


def last_id(messages: list[dict]) -> str:
    return [m["id"] for m in messages if "id" in m][-1]


def read(client, key: str, after: str | None = None, **params) -> tuple[list[dict], str]:
    """One bounded stream (max_wait=0 unless given): its events and the id to resume from."""
    headers = {"X-API-Key": key}
    if after is not None:
        headers["Last-Event-ID"] = after
    params.setdefault("max_wait", 0)
    response = client.get("/v2/events", params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    messages = parse(response.text)
    assert messages[0] == {"comments": [], "retry": "3000"}
    return events_in(messages), last_id(messages)


def error(response, status: int, code: str, field: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["code"] == code
    if field is not None:
        assert body["details"]["field"] == field, body
    return body


def insert_event(organization_id: str, *, livemode: bool = True, collection: str = "gap") -> dict:
    return {
        "event_id": new_id("evt"),
        "organization_id": organization_id,
        "livemode": livemode,
        "event_type": "record.created",
        "payload": {"collection": collection, "record_id": new_id("rec"), "changes": {}},
        "created_at": utcnow(),
        "published_at": None,
    }


def create_user(client, key: str) -> dict:
    name = new_id("su")[3:12].lower()
    body = {"username": f"s{name}", "email": f"s{name}@example.com", "password": "correct horse"}
    response = client.post("/v1/users", json=body, headers={"X-API-Key": key})
    assert response.status_code == 201, response.text
    return response.json()["data"]


@pytest.fixture
def settings_(app, monkeypatch):
    """The running settings, changed for one test."""
    settings = runtime.current().settings

    def set_(**values):
        for name, value in values.items():
            monkeypatch.setattr(settings, name, value)

    return set_


# -- delivery ---------------------------------------------------------------------------------


def test_an_event_arrives_on_an_open_stream_as_it_commits(client, tenant, live_server):
    url = f"{live_server.url}/v2/events"
    with httpx.stream("GET", url, params={"max_wait": 10}, headers=auth(tenant), timeout=15) as r:
        assert r.status_code == 200
        lines = r.iter_lines()
        assert next(lines) == "retry: 3000"
        assert next(lines) == ""
        assert next(lines).startswith("id: cur_")  # subscribed: what commits now is streamed
        record_id = create_record(client, tenant, "live")
        created = time.monotonic()
        frame = []
        for line in lines:
            if line == "" and frame:
                break
            if line and not line.startswith(":"):
                frame.append(line)
        latency = time.monotonic() - created
    [event] = events_in(parse("\n".join(frame) + "\n\n"))
    assert event["event"] == "record.created"
    assert event["data"] == {
        "collection": "live",
        "record_id": record_id,
        "changes": {"name": "Widget", "price": 29.99},
    }
    assert latency < 2.0  # polled every 0.25 s


def test_the_message_is_the_webhook_payload_with_the_users_email(client, tenant):
    _, start = read(client, tenant.key)
    user = create_user(client, tenant.key)
    events, _ = read(client, tenant.key, start, events="user.created")
    [event] = events
    assert event["id"].startswith("evt_") and event["timestamp"].endswith("Z")
    assert event["data"]["user_id"] == user["id"]
    assert event["data"]["email"] == user["email"]  # looked up as the fan-out does
    assert event["data"]["created_at"].endswith("Z")


def test_events_arrive_in_commit_order_and_resume_exactly(client, tenant):
    _, start = read(client, tenant.key)
    ids = [create_record(client, tenant, "ordered") for _ in range(5)]
    events, _ = read(client, tenant.key, start)
    assert [e["data"]["record_id"] for e in events] == ids
    # After the third: the fourth and fifth, once each.
    after_third, _ = read(client, tenant.key, events[2]["id"])
    assert [e["id"] for e in after_third] == [e["id"] for e in events[3:]]
    # After the last: nothing, and a marker that resumes at the same place.
    nothing, marker = read(client, tenant.key, events[-1]["id"])
    assert nothing == []
    more = create_record(client, tenant, "ordered")
    [event], _ = read(client, tenant.key, marker)
    assert event["data"]["record_id"] == more


def test_a_long_catch_up_is_paged_without_gaps_or_repeats(client, tenant, make_tenant):
    other = make_tenant(plan="enterprise", scopes=["admin"])
    _, start = read(client, tenant.key)
    rows = []
    for index in range(1200):  # more than a poll's batch and a backlog page
        owner = tenant if index % 3 else other
        rows.append(insert_event(owner.organization_id, collection=f"bulk{index}"))
    with runtime.current().db.sync_transaction() as session:
        session.execute(OutboxEvent.__table__.insert(), rows)
    events, _ = read(client, tenant.key, start)
    own = [row["event_id"] for row in rows if row["organization_id"] == tenant.organization_id]
    assert [e["id"] for e in events] == own


def test_last_event_id_in_the_query_and_the_header_wins(client, tenant):
    _, start = read(client, tenant.key)
    ids = [create_record(client, tenant, "query") for _ in range(3)]
    events, _ = read(client, tenant.key, last_event_id=start)
    assert [e["data"]["record_id"] for e in events] == ids
    headers = {**auth(tenant), "Last-Event-ID": events[1]["id"]}
    params = {"max_wait": 0, "last_event_id": start}
    response = client.get("/v2/events", params=params, headers=headers)
    assert [e["data"]["record_id"] for e in events_in(parse(response.text))] == ids[2:]


def test_a_stream_opened_without_an_id_starts_now(client, tenant):
    create_record(client, tenant, "before")
    events, _ = read(client, tenant.key)
    assert events == []


# -- tenancy, mode and scopes -------------------------------------------------------------------


def test_a_stream_carries_only_its_organization_and_mode(client, tenant, make_tenant):
    other = make_tenant(plan="enterprise", scopes=["admin"])
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    _, live_start = read(client, tenant.key)
    _, sandbox_start = read(client, sandbox)
    _, other_start = read(client, other.key)
    live = create_record(client, tenant, "modes")
    test = create_record(client, SimpleNamespace(key=sandbox), "modes")
    foreign = create_record(client, other, "modes")
    assert [e["data"]["record_id"] for e in read(client, tenant.key, live_start)[0]] == [live]
    assert [e["data"]["record_id"] for e in read(client, sandbox, sandbox_start)[0]] == [test]
    assert [e["data"]["record_id"] for e in read(client, other.key, other_start)[0]] == [foreign]


def _until_event(lines) -> list[dict]:
    """Read an open stream's lines up to and including its first event: the events read."""
    text = []
    for line in lines:
        text.append(line)
        if line == "" and any(item.startswith("event: ") for item in text):
            break
    return events_in(parse("\n".join(text) + "\n"))


def test_open_streams_carry_only_their_organization_and_mode(
    client, tenant, make_tenant, live_server
):
    other = make_tenant(plan="enterprise", scopes=["admin"])
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    url = f"{live_server.url}/v2/events"
    callers = {"live": tenant.key, "sandbox": sandbox, "other": other.key}
    with httpx.Client(timeout=15) as http, ExitStack() as stack:
        lines = {}
        for name, key in callers.items():
            response = stack.enter_context(
                http.stream("GET", url, params={"max_wait": 10}, headers={"X-API-Key": key})
            )
            lines[name] = response.iter_lines()
            assert [next(lines[name]) for _ in range(3)][2].startswith("id: cur_")
        # Each caller's record last: a stream that got another's would show it first.
        foreign = create_record(client, other, "open")
        test = create_record(client, SimpleNamespace(key=sandbox), "open")
        live = create_record(client, tenant, "open")
        got = {name: _until_event(lines[name]) for name in callers}
    assert [e["data"]["record_id"] for e in got["live"]] == [live]
    assert [e["data"]["record_id"] for e in got["sandbox"]] == [test]
    assert [e["data"]["record_id"] for e in got["other"]] == [foreign]


def test_another_organizations_or_modes_ids_do_not_resume(client, tenant, make_tenant):
    other = make_tenant(plan="enterprise", scopes=["admin"])
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    _, start = read(client, other.key)
    create_record(client, other, "foreign")
    [foreign_event], foreign_marker = read(client, other.key, start)
    _, own_marker = read(client, tenant.key)
    for key, last in (
        (tenant.key, foreign_event["id"]),
        (tenant.key, foreign_marker),
        (sandbox, own_marker),  # a live position is not the sandbox's
    ):
        response = client.get(
            "/v2/events", params={"max_wait": 0}, headers={"X-API-Key": key, "Last-Event-ID": last}
        )
        error(response, 400, "INVALID_REQUEST", "header.Last-Event-ID")


def test_a_key_sees_only_the_events_its_scopes_read(client, tenant):
    reader, _ = create_key(tenant.organization_id, scopes=["users:read"])
    _, start = read(client, reader)
    create_record(client, tenant, "scoped")  # record.created needs read:data
    user = create_user(client, tenant.key)
    events, _ = read(client, reader, start)
    assert [e["event"] for e in events] == ["user.created"]
    assert events[0]["data"]["user_id"] == user["id"]


def test_asking_for_events_the_key_cannot_read_is_forbidden(client, tenant):
    reader, _ = create_key(tenant.organization_id, scopes=["users:read"])
    params = {"max_wait": 0, "events": "user.created,record.created"}
    response = client.get("/v2/events", params=params, headers={"X-API-Key": reader})
    body = error(response, 403, "FORBIDDEN")
    assert "record.created" in body["message"] and "read:data" in body["message"]
    writer, _ = create_key(tenant.organization_id, scopes=["write:data"])  # reads no event
    response = client.get("/v2/events", params={"max_wait": 0}, headers={"X-API-Key": writer})
    error(response, 403, "FORBIDDEN")
    response = client.get("/v2/events", params={"max_wait": 0})
    error(response, 401, "UNAUTHORIZED")


def test_events_and_collections_narrow_the_stream(client, tenant):
    _, start = read(client, tenant.key)
    wanted = create_record(client, tenant, "alpha")
    create_record(client, tenant, "beta")
    user = create_user(client, tenant.key)
    events, _ = read(client, tenant.key, start, collections="alpha")
    assert [(e["event"], e["data"].get("record_id") or e["data"]["user_id"]) for e in events] == [
        ("record.created", wanted),
        ("user.created", user["id"]),  # collections narrow record events only
    ]
    only_users, _ = read(client, tenant.key, start, events=["user.created", "user.updated"])
    assert [e["event"] for e in only_users] == ["user.created"]


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"events": "record.made"}, "query.events"),
        ({"events": "record.created,nope"}, "query.events"),
        ({"max_wait": -1}, "query.max_wait"),
        ({"max_wait": 3601}, "query.max_wait"),
        ({"max_wait": "soon"}, "query.max_wait"),
        ({"collections": ",".join(f"c{i}" for i in range(101))}, "query.collections"),
        ({"last_event_id": "evt_doesnotexist"}, "query.last_event_id"),
        ({"last_event_id": "cur_not-a-position"}, "query.last_event_id"),
        ({"last_event_id": "evt_\x00"}, "query.last_event_id"),
        ({"last_event_id": "evt_ü"}, "query.last_event_id"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, tenant, params, field):
    response = client.get("/v2/events", params={"max_wait": 0, **params}, headers=auth(tenant))
    error(response, 400, "INVALID_REQUEST", field)


def test_the_events_parameter_lists_exactly_the_catalog():
    operation = bundled_spec("v2")["paths"]["/events"]["get"]
    [events] = [p for p in operation["parameters"] if p["name"] == "events"]
    assert events["schema"]["items"]["enum"] == list(catalog.EVENTS)


# -- duration, heartbeats, revocation -----------------------------------------------------------


def test_max_wait_bounds_the_response(client, tenant):
    for max_wait, low, high in ((0, 0.0, 1.0), (1, 1.0, 2.5)):
        started = time.monotonic()
        read(client, tenant.key, max_wait=max_wait)
        assert low <= time.monotonic() - started < high, max_wait


def test_without_max_wait_the_stream_ends_before_its_timeout_class(client, tenant, settings_):
    settings_(timeout_stream=2.5)
    started = time.monotonic()
    response = client.get("/v2/events", headers=auth(tenant))
    elapsed = time.monotonic() - started
    assert response.status_code == 200  # ended by itself, not cut off with a 504
    assert 1.0 <= elapsed < 2.5
    assert parse(response.text)[-1]["id"].startswith("cur_")


def test_heartbeats_are_comments(client, tenant, settings_):
    settings_(events_heartbeat_seconds=0.2)
    response = client.get("/v2/events", params={"max_wait": 1}, headers=auth(tenant))
    comments = [c for m in parse(response.text) for c in m["comments"]]
    assert comments.count("ping") >= 3


def test_a_revoked_key_loses_its_stream(make_tenant, live_server, settings_):
    settings_(events_heartbeat_seconds=0.2)
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    key, key_id = create_key(tenant.organization_id, scopes=["read:data"])
    url = f"{live_server.url}/v2/events"
    started = time.monotonic()
    with httpx.stream("GET", url, params={"max_wait": 30}, headers={"X-API-Key": key}) as r:
        assert r.status_code == 200
        lines = r.iter_lines()
        next(lines)
        revoke_key(key_id)
        for _ in lines:
            pass
    assert time.monotonic() - started < 5  # a heartbeat, after the one-second key cache


# -- the per-caller limit -----------------------------------------------------------------------


def test_one_stream_more_than_the_limit_is_429(client, tenant, live_server, settings_):
    settings_(events_max_streams=2)
    url = f"{live_server.url}/v2/events"
    params = {"max_wait": 20}
    with httpx.Client(headers=auth(tenant), timeout=30) as http, ExitStack() as first:
        opened = first.enter_context(http.stream("GET", url, params=params))
        with http.stream("GET", url, params=params) as second:
            assert opened.status_code == second.status_code == 200
            refused = client.get("/v2/events", params={"max_wait": 0}, headers=auth(tenant))
            body = error(refused, 429, "RATE_LIMITED")
            assert "2 event streams" in body["message"]
            assert refused.headers["retry-after"] == "3"
        # The client went away: the server gives the slot back.
        again = _retry(lambda: client.get("/v2/events?max_wait=0", headers=auth(tenant)))
        assert again.status_code == 200, again.text
    other_key, _ = create_key(tenant.organization_id, scopes=["read:data"])  # its own limit
    assert client.get("/v2/events?max_wait=0", headers={"X-API-Key": other_key}).status_code == 200


def _retry(call, seconds: float = 5.0):
    """`call()` until it answers 200 or `seconds` pass; its last answer."""
    deadline = time.monotonic() + seconds
    while True:
        response = call()
        if response.status_code == 200 or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


@pytest.mark.skipif(not REDIS_URL, reason="needs CHARTER_TEST_REDIS_URL: slots shared in Redis")
def test_the_limit_holds_across_server_processes(client, tenant, settings, live_server, settings_):
    settings_(events_max_streams=2)
    env = server_env(settings, CHARTER_EVENTS_MAX_STREAMS="2")
    params = {"max_wait": 20}
    with ServerProcess(env) as second, httpx.Client(headers=auth(tenant), timeout=30) as http:
        with (
            http.stream("GET", f"{live_server.url}/v2/events", params=params) as here,
            http.stream("GET", f"{second.url}/v2/events", params=params) as there,
        ):
            assert here.status_code == there.status_code == 200
            for url in (live_server.url, second.url):
                refused = http.get(f"{url}/v2/events", params={"max_wait": 0})
                error(refused, 429, "RATE_LIMITED")


def test_a_slot_lease_runs_out_if_its_process_dies(app, clock):
    slots = StreamSlots()

    async def scenario():
        caller = f"api_key:{new_id('key')}"
        token = await slots.acquire(caller, 1)
        assert token is not None
        assert await slots.acquire(caller, 1) is None
        clock.advance(lease_seconds() + 1)  # never renewed, never released
        replacement = await slots.acquire(caller, 1)
        assert replacement is not None
        await slots.release(caller, replacement)
        assert await slots.acquire(caller, 1) is not None

    asyncio.run(scenario())


# -- commit order on PostgreSQL -----------------------------------------------------------------


@pytest.mark.skipif(not PG_URL, reason="SQLite has one writer: positions commit in order")
@pytest.mark.parametrize("outcome", ["commit", "rollback"])
def test_an_event_committed_after_a_later_one_is_not_skipped(client, tenant, outcome):
    _, start = read(client, tenant.key)
    db = runtime.current().db
    slow = sessionmaker(db.engine)()
    try:
        late = OutboxEvent(**insert_event(tenant.organization_id))
        slow.add(late)
        slow.flush()  # position taken, transaction open
        with db.sync_transaction() as session:
            early = OutboxEvent(**insert_event(tenant.organization_id))
            session.add(early)
            session.flush()
            assert late.id < early.id
            early_id = early.event_id
        late_id = late.event_id
        # The later position is visible, the earlier one not yet: nothing is handed out past it.
        events, marker = read(client, tenant.key, start)
        assert events == []
        getattr(slow, outcome)()
    finally:
        slow.close()
    if outcome == "commit":
        events, _ = read(client, tenant.key, marker)
        assert [e["id"] for e in events] == [late_id, early_id]
    else:
        # The gap settles once the transactions open when it was seen have ended (any other
        # writer on this server too): the later event then comes, once.
        received: list[str] = []
        deadline = time.monotonic() + 20
        while not received and time.monotonic() < deadline:
            events, marker = read(client, tenant.key, marker, max_wait=1)
            received += [e["id"] for e in events]
        assert received == [early_id]


def _rows(*ids):
    return [SimpleNamespace(id=i) for i in ids]


def _poller(horizon: int) -> Poller:
    poller = Poller()
    poller.horizon = horizon
    return poller


def _advance(poller, rows, running, at):
    taken, poller.horizon, poller._watches = poller._advance(rows, running, at, at)
    return [row.id for row in taken]


def test_a_gap_waits_for_the_transactions_open_when_it_was_seen(app):
    poller = _poller(1)
    assert _advance(poller, _rows(2, 4, 5), frozenset({7, 9}), 0.0) == [2]
    # Too soon after the sighting to know the writer's transaction: nothing recorded.
    assert _advance(poller, _rows(4, 5), frozenset({7, 9}), RECORD_DELAY_SECONDS / 2) == []
    assert poller._watches[0].running is None
    assert _advance(poller, _rows(4, 5), frozenset({7, 9}), 0.2) == []  # recorded: {7, 9}
    assert _advance(poller, _rows(4, 5), frozenset({9, 12}), 0.4) == []  # 9 is still open
    assert _advance(poller, _rows(4, 5), frozenset({12}), 0.6) == [4, 5]  # both ended
    assert poller.horizon == 5 and poller._watches == []


def test_a_gap_that_fills_is_taken_in_order(app):
    poller = _poller(1)
    assert _advance(poller, _rows(2, 4), frozenset({7}), 0.0) == [2]
    assert _advance(poller, _rows(3, 4), frozenset({7}), 0.2) == [3, 4]


def test_a_gap_open_too_long_is_passed(app):
    poller = _poller(1)
    assert _advance(poller, _rows(3), frozenset({7}), 0.0) == []
    assert _advance(poller, _rows(3), frozenset({7}), 1.0) == []
    assert _advance(poller, _rows(3), frozenset({7}), gap_limit_seconds() + 1) == [3]


def test_on_sqlite_a_gap_is_settled_at_once(app):
    poller = _poller(1)
    assert _advance(poller, _rows(2, 4), None, 0.0) == [2]
    assert _advance(poller, _rows(4), None, 0.01) == [4]


# -- retention: the resume window ---------------------------------------------------------------


def _purge_all() -> None:
    async def purge():
        while True:
            async with runtime.current().db.transaction() as session:
                if not await event_stream.purge(session, utcnow()):
                    return

    asyncio.run(purge())


def test_published_events_leave_after_the_retention_and_cannot_be_resumed(client, tenant):
    _, start = read(client, tenant.key)
    ids = [create_record(client, tenant, "retained") for _ in range(4)]
    events, _ = read(client, tenant.key, start)
    days = runtime.current().settings.events_retention_days
    db = runtime.current().db
    with db.sync_transaction() as session:
        second = session.scalar(
            select(OutboxEvent.id).where(OutboxEvent.event_id == events[1]["id"])
        )
        newest = session.scalar(select(OutboxEvent.id).order_by(OutboxEvent.id.desc()).limit(1))
        # Everything up to the second event was published longer ago than the retention; the
        # unpublished rest stays whatever its age.
        old = utcnow() - timedelta(days=days, minutes=1)
        session.execute(
            update(OutboxEvent).where(OutboxEvent.id <= second).values(published_at=old)
        )
    _purge_all()
    with db.sync_transaction() as session:
        assert session.scalar(select(OutboxEvent.id).where(OutboxEvent.id <= second)) is None
        assert session.get(OutboxEvent, newest) is not None
    for gone in (start, events[0]["id"], events[1]["id"]):
        response = client.get(
            "/v2/events",
            params={"max_wait": 0},
            headers={**auth(tenant), "Last-Event-ID": gone},
        )
        error(response, 400, "INVALID_REQUEST", "header.Last-Event-ID")
    kept, _ = read(client, tenant.key, events[2]["id"])
    assert [e["data"]["record_id"] for e in kept] == ids[3:]


def test_the_newest_event_is_kept_however_old(client, tenant):
    create_record(client, tenant, "newest")
    db = runtime.current().db
    with db.sync_transaction() as session:
        old = utcnow() - timedelta(days=365)
        session.execute(update(OutboxEvent).values(published_at=old))
        newest = session.scalar(select(OutboxEvent.id).order_by(OutboxEvent.id.desc()).limit(1))
    _purge_all()
    with db.sync_transaction() as session:
        assert session.scalars(select(OutboxEvent.id)).all() == [newest]


# -- many streams, one poller --------------------------------------------------------------------


def test_many_open_streams_cost_one_query_per_poll(client, tenant, make_tenant, live_server):
    others = [make_tenant(plan="enterprise", scopes=["admin"]) for _ in range(4)]
    statements: list[str] = []
    lock = threading.Lock()

    def count(conn, cursor, statement, *args):
        if "FROM outbox_events" in statement and "outbox_events.id >" in statement:
            with lock:
                statements.append(statement)

    db = runtime.current().db
    db.listen("before_cursor_execute", count)
    url = f"{live_server.url}/v2/events"
    try:
        with httpx.Client(timeout=30) as http, ExitStack() as streams:
            for caller in [tenant, *others]:
                response = streams.enter_context(
                    http.stream("GET", url, params={"max_wait": 3}, headers=auth(caller))
                )
                assert response.status_code == 200
            statements.clear()
            time.sleep(1.0)
            polls = len(statements)
    finally:
        db.unlisten("before_cursor_execute", count)
    interval = runtime.current().settings.events_poll_seconds
    assert polls <= 1.0 / interval + 2  # one poller for the five streams, not five
