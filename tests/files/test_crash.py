"""Nothing is lost or left dangling: a server killed mid-upload leaves no row and no visible
blob, and the worker's collector removes the abandoned upload and blobs no row names."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time

import pytest
from sqlalchemy import delete, select

from charter.files import collector, service
from charter.platform import clock as clocks
from charter.platform import runtime
from storage.models import File
from tests.conftest import ServerProcess, server_env
from tests.files.conftest import BUCKET, blob_keys, headers, upload


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _pending_uploads(store) -> int:
    if store.kind == "local":
        return len(os.listdir(store.tmp)) if store.tmp.exists() else 0
    answer = store.client.list_multipart_uploads(Bucket=BUCKET, Prefix=f"{store.prefix}blobs/")
    return len(answer.get("Uploads", []))


def _rows_named(organization_id: str, name: str) -> list[str]:
    with runtime.current().db.sync_transaction() as session:
        statement = select(File.id).where(
            File.organization_id == organization_id, File.name == name
        )
        return list(session.execute(statement).scalars())


def test_server_killed_mid_upload_leaves_nothing_visible(settings, tenant, files_store):
    env = {"CHARTER_FILE_PART_BYTES": str(5 * 1024 * 1024)}
    if files_store.kind == "s3":
        live = runtime.current().settings
        env.update(
            CHARTER_FILE_STORE=live.file_store,
            CHARTER_S3_ENDPOINT_URL=live.s3_endpoint_url,
            CHARTER_S3_ACCESS_KEY_ID="test",
            CHARTER_S3_SECRET_ACCESS_KEY="test",
        )
    before_keys = asyncio.run(blob_keys(files_store))
    before_pending = _pending_uploads(files_store)
    boundary = "killtest"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="killed.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    declared = len(head) + 100 * 1024 * 1024
    with ServerProcess(server_env(settings, **env), log=settings.var_dir / "kill.log") as server:
        sock = socket.create_connection(("127.0.0.1", server.port))
        request = (
            f"POST /v2/files/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {tenant.key}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {declared}\r\n\r\n"
        ).encode()
        sock.sendall(request + head)
        chunk = os.urandom(1024 * 1024)
        for _ in range(12):  # 12 MiB: past two S3 parts, well short of the whole
            sock.sendall(chunk)
        deadline = time.time() + 60  # a busy machine: moto and the server share two cores
        while _pending_uploads(files_store) <= before_pending and time.time() < deadline:
            time.sleep(0.05)
        if _pending_uploads(files_store) <= before_pending:
            sock.settimeout(2)
            try:
                answer = sock.recv(2000)
            except OSError as error:
                answer = repr(error).encode()
            raise AssertionError(f"the upload never started: {answer[:2000]!r}")
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)
        sock.close()
    assert _rows_named(tenant.organization_id, "killed.bin") == []
    assert asyncio.run(blob_keys(files_store)) == before_keys  # nothing became visible


def test_collector_removes_abandoned_uploads_and_unnamed_blobs(client, tenant, files_store, clock):
    stored = upload(client, tenant, b"orphan to be", name="orphan.txt").json()
    with runtime.current().db.sync_transaction() as session:  # a crash after the commit of a
        key = session.execute(select(File.blob_key).where(File.id == stored["id"])).scalar_one()
        session.execute(delete(File).where(File.id == stored["id"]))  # deletion, before its blob
    kept = upload(client, tenant, b"still named", name="kept.txt").json()
    writer = files_store.writer()  # an upload that never finished
    asyncio.run(writer.write(b"partial"))
    if files_store.kind == "local":
        asyncio.run(writer._flush())
    assert key in asyncio.run(blob_keys(files_store))

    early = asyncio.run(collector.collect(clocks.utcnow()))  # within the grace period: untouched
    assert early["orphan_blobs_deleted"] == 0
    clock.advance(runtime.current().settings.file_orphan_grace_seconds + 60)
    counts = asyncio.run(collector.collect(clocks.utcnow()))
    assert counts["orphan_blobs_deleted"] >= 1
    keys = asyncio.run(blob_keys(files_store))
    assert key not in keys
    got = client.get(f"/v2/files/{kept['id']}/download", headers=headers(tenant))
    assert got.status_code == 200 and got.content == b"still named"
    if files_store.kind == "local":
        assert counts["abandoned_uploads_removed"] >= 1


def test_deleting_a_file_deletes_its_blob_at_once(client, tenant, files_store):
    stored = upload(client, tenant, os.urandom(64), name="gone.bin").json()
    keys_before = asyncio.run(blob_keys(files_store))
    client.delete(f"/v2/files/{stored['id']}", headers=headers(tenant))
    removed = keys_before - asyncio.run(blob_keys(files_store))
    assert len(removed) == 1


def test_a_blob_two_files_share_outlives_one_of_them(client, tenant):
    content = b"same bytes in two files"
    first = upload(client, tenant, content, name="one.txt").json()
    second = upload(client, tenant, content, name="two.txt").json()
    client.delete(f"/v2/files/{first['id']}", headers=headers(tenant))
    assert asyncio.run(service.is_referenced(second["checksum"]))
    got = client.get(f"/v2/files/{second['id']}/download", headers=headers(tenant))
    assert got.content == content


def test_a_blob_store_failing_after_the_commit_does_not_fail_the_request(
    client, tenant, files_store, monkeypatch
):
    """The deletion of a replaced blob runs after the change committed: a store failing then
    answered 500 for a change that was made (a retry would have made it twice). The blob
    stays for the collector."""
    first = upload(client, tenant, b"version one", name="flaky.txt").json()

    async def failing(key, is_referenced):
        raise OSError("the store is down")

    monkeypatch.setattr(type(files_store), "delete_unreferenced", failing)
    replaced = upload(client, tenant, b"version two", name="flaky.txt", overwrite=True)
    assert replaced.status_code == 201, replaced.text
    assert replaced.json()["version"] == 2
    deleted = client.delete(f"/v2/files/{first['id']}", headers=headers(tenant))
    assert deleted.status_code == 200, deleted.text
    assert len(asyncio.run(blob_keys(files_store))) >= 2  # both wait for the collector
