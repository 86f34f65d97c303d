"""Directories created at the same time, against a live server (on PostgreSQL the requests'
transactions really overlap; SQLite runs writing transactions one at a time, and must answer
the same)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from charter.platform import runtime
from storage.models import File
from tests.factories import at_once


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _create(server, tenant, path: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}/v2/files/directories",
        headers={"X-API-Key": tenant.key},
        json={"path": path},
        timeout=30,
    )


def _rows(organization_id: str, path: str) -> int:
    with runtime.current().db.sync_transaction() as session:
        statement = select(func.count()).where(
            File.organization_id == organization_id, File.path == path
        )
        return int(session.execute(statement).scalar_one())


@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_creates_of_one_directory_make_it_once(live_server, tenant, attempt):
    """Both creates saw no directory, both inserts met (the second skipped its row) and both
    answered 201 on PostgreSQL."""
    path = f"/race-{attempt}/same"
    answers = at_once([lambda: _create(live_server, tenant, path) for _ in range(2)])
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201, 409], [answer.text for answer in answers]
    refused = next(answer for answer in answers if answer.status_code == 409)
    assert refused.json()["error"]["code"] == "CONFLICT"
    assert _rows(tenant.organization_id, path) == 1
    assert _rows(tenant.organization_id, f"/race-{attempt}") == 1


def test_many_concurrent_creates_and_siblings(live_server, tenant):
    same = [lambda: _create(live_server, tenant, "/crowd/same") for _ in range(6)]
    siblings = [lambda n=n: _create(live_server, tenant, f"/crowd/sibling-{n}") for n in range(4)]
    answers = at_once(same + siblings)
    same_codes = sorted(answer.status_code for answer in answers[:6])
    assert same_codes == [201] + [409] * 5, [answer.text for answer in answers]
    assert all(answer.status_code == 201 for answer in answers[6:]), [a.text for a in answers]
    assert _rows(tenant.organization_id, "/crowd/same") == 1
    assert _rows(tenant.organization_id, "/crowd") == 1  # the shared ancestor, once


def test_concurrent_creates_of_an_implicit_directory_keep_it_once(live_server, tenant):
    made = httpx.post(
        f"{live_server.url}/v2/files/upload",
        headers={"X-API-Key": tenant.key},
        files={"file": ("f.txt", b"f")},
        data={"path": "/promoted"},
        timeout=30,
    )
    assert made.status_code == 201, made.text
    answers = at_once([lambda: _create(live_server, tenant, "/promoted") for _ in range(4)])
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201, 409, 409, 409], [answer.text for answer in answers]
    assert _rows(tenant.organization_id, "/promoted") == 1
