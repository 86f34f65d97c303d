"""Seed 002 timeouts: 504 in the envelope, and the request's database work rolled back."""

from __future__ import annotations

import time

from sqlalchemy import text

from charter import audit, runtime


def _slow_query(session) -> None:
    if runtime.current().db.dialect == "postgresql":
        session.execute(text("SELECT pg_sleep(10)"))
    else:
        session.execute(
            text(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 500000000) "
                "SELECT count(*) FROM c"
            )
        )


def test_slow_request_is_504_and_its_writes_are_rolled_back(client, superuser, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "timeout_standard", 1.0)
    original_publish = audit.publish

    def slow_publish(session, **kwargs):
        _slow_query(session)  # runs after the organization row was inserted
        original_publish(session, **kwargs)

    monkeypatch.setattr(audit, "publish", slow_publish)
    started = time.perf_counter()
    response = client.post(
        "/v1/organizations", json={"name": "Too Slow Inc"}, headers={"X-API-Key": superuser.key}
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "TIMEOUT"
    assert elapsed < 5
    monkeypatch.setattr(audit, "publish", original_publish)
    time.sleep(0.5)  # let the cancelled handler thread unwind
    names = [
        o["name"]
        for o in client.get(
            "/v1/organizations?limit=100", headers={"X-API-Key": superuser.key}
        ).json()["data"]
    ]
    assert "Too Slow Inc" not in names
