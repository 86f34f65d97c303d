"""Concurrent uploads against a live server: the storage quota and files under files. These
races need two transactions at once, which SQLite serialises anyway; they matter on
PostgreSQL (both pass on SQLite, where they cannot fail the way they did)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from charter.platform import runtime
from storage.models import Organization, Plan


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _parallel(calls: list[Callable[[], Any]]) -> list[Any]:
    results: list[Any] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int) -> None:
        start.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _upload(server, tenant, name: str, content: bytes, path: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/v2/files/upload",
        headers={"X-API-Key": tenant.key},
        files={"file": (name, content, "application/octet-stream")},
        data={"path": path},
        timeout=30,
    )


def _small_quota(tenant, storage_bytes: int) -> None:
    name = f"quota-{storage_bytes}"
    with runtime.current().db.sync_transaction() as session:
        if session.get(Plan, name) is None:
            session.add(Plan(name=name, storage_bytes=storage_bytes, description="test quota"))
            session.flush()
        session.execute(
            update(Organization).where(Organization.id == tenant.organization_id).values(plan=name)
        )
    from charter.identity.principals import key_cache

    key_cache.clear()


def test_concurrent_uploads_cannot_exceed_the_quota(live_server, tenant, client):
    _small_quota(tenant, 1000)
    answers = _parallel(
        [
            lambda i=i: _upload(live_server, tenant, f"q{i}.bin", os.urandom(600), "/quota")
            for i in range(8)
        ]
    )
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201] + [413] * 7, [answer.text for answer in answers]
    listed = client.get("/v2/files", params={"path": "/quota"}, headers={"X-API-Key": tenant.key})
    assert listed.json()["total"] == 1
