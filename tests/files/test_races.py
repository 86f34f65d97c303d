"""Uploads against a live server: concurrent ones (the storage quota, files under files) and a
client closing mid-upload. The races need two writing transactions at once, which SQLite
runs one at a time; they matter on PostgreSQL."""

from __future__ import annotations

import os
import threading
import time

import httpx
import pytest
from sqlalchemy import text, update

from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from storage.models import File, Organization, Plan
from tests.conftest import PG_URL
from tests.factories import at_once


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


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
    answers = at_once(
        [
            lambda i=i: _upload(live_server, tenant, f"q{i}.bin", os.urandom(600), "/quota")
            for i in range(8)
        ]
    )
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201] + [413] * 7, [answer.text for answer in answers]
    listed = client.get("/v2/files", params={"path": "/quota"}, headers={"X-API-Key": tenant.key})
    assert listed.json()["total"] == 1


@pytest.mark.skipif(
    not PG_URL, reason="needs two writing transactions at once; SQLite runs one at a time"
)
def test_a_directory_waiting_on_a_concurrent_file_is_refused(live_server, tenant):
    """An upload of /fdx/x/child while another transaction holds an uncommitted file /fdx/x:
    the directory insert waits for it, then skipped the clashing path silently and stored a
    file under a file (201); it must be 409."""
    warm = _upload(
        live_server, tenant, "warm", b"warm", "/warm"
    )  # a first upload through the server
    assert warm.status_code == 201, warm.text
    db = runtime.current().db
    now = utcnow()
    answer: dict[str, httpx.Response] = {}
    with db.sync_transaction() as session:
        for kind, path, parent in (("directory", "/fdx", "/"), ("file", "/fdx/x", "/fdx")):
            session.add(
                File(
                    id=new_id("file"),
                    organization_id=tenant.organization_id,
                    livemode=True,
                    type=kind,
                    path=path,
                    parent=parent,
                    name=path.rsplit("/", 1)[-1],
                    size=0,
                    content_type=None,
                    checksum=None,
                    blob_key=None,
                    version=1,
                    created_at=now,
                    modified_at=now,
                )
            )
        session.flush()
        child = threading.Thread(
            target=lambda: answer.update(
                child=_upload(live_server, tenant, "child", b"child", "/fdx/x")
            )
        )
        child.start()
        waiting = (
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        deadline = time.monotonic() + 20
        with db.engine.connect() as probe:  # until the upload waits on the file row
            while not probe.execute(text(waiting)).scalar_one():
                assert time.monotonic() < deadline, "the upload never waited on the file row"
                time.sleep(0.02)
    child.join(timeout=30)
    assert answer["child"].status_code == 409, answer["child"].text
    assert "/fdx/x is a file" in answer["child"].json()["error"]["message"]


def test_a_client_closing_mid_upload_is_not_logged_as_a_server_error(live_server, tenant, caplog):
    import logging
    import socket

    boundary = "closing"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="closed.bin"\r\n\r\n'
    ).encode()
    port = int(live_server.url.rsplit(":", 1)[1])
    with caplog.at_level(logging.INFO, logger="charter.access"):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(
                (
                    f"POST /v2/files/upload HTTP/1.1\r\nHost: x\r\nX-API-Key: {tenant.key}\r\n"
                    f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                    f"Content-Length: {10 * 1024 * 1024}\r\n\r\n"
                ).encode()
                + head
                + os.urandom(256 * 1024)
            )
        deadline = time.monotonic() + 20
        while True:
            logged = [
                r.fields
                for r in caplog.records
                if r.name == "charter.access" and r.fields["path"] == "/v2/files/upload"
            ]
            if logged or time.monotonic() > deadline:
                break
            time.sleep(0.05)
    assert len(logged) == 1, logged
    assert logged[0]["status"] == 499 and logged[0]["client_closed"] is True
