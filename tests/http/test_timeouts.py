"""Seed 002 timeouts: 504 in the envelope, and the request's database work rolled back."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import text

from charter.events import outbox
from charter.platform import runtime
from tests import db as testdb


async def _slow_query(session) -> None:
    if runtime.current().db.dialect == "postgresql":
        await session.execute(text("SELECT pg_sleep(10)"))
    else:
        await session.execute(
            text(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 500000000) "
                "SELECT count(*) FROM c"
            )
        )


def test_slow_request_is_504_and_its_writes_are_rolled_back(client, superuser, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "timeout_standard", 1.0)
    original_enqueue = outbox.enqueue

    async def slow_enqueue(session, **kwargs):
        await _slow_query(session)  # runs after the organization row was inserted
        await original_enqueue(session, **kwargs)

    monkeypatch.setattr(outbox, "enqueue", slow_enqueue)
    name = f"Too Slow Inc {uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    response = client.post(
        "/v1/organizations", json={"name": name}, headers={"X-API-Key": superuser.key}
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "TIMEOUT"
    assert elapsed < 5
    monkeypatch.setattr(outbox, "enqueue", original_enqueue)
    assert testdb.count_organizations(name) == 0  # the inserted row was rolled back
    names = [
        o["name"]
        for o in client.get(
            "/v1/organizations?limit=100", headers={"X-API-Key": superuser.key}
        ).json()["data"]
    ]
    assert name not in names
