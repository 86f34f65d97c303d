"""Seed 001's CloudSync examples as written, events, quotas, and large uploads on both stores."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from sqlalchemy import select, update

from charter.platform import runtime
from storage.models import File, Organization, OutboxEvent, Plan
from tests.files.conftest import BUCKET, headers, upload


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _events(organization_id: str, event_type: str) -> list[dict]:
    with runtime.current().db.sync_transaction() as session:
        rows = session.execute(
            select(OutboxEvent.payload).where(
                OutboxEvent.organization_id == organization_id,
                OutboxEvent.event_type == event_type,
            )
        ).scalars()
        return list(rows)


def test_seed_001_examples_as_written(client, tenant):
    # POST /files/upload, multipart/form-data: file (required), path, overwrite
    auth = {"Authorization": f"Bearer {tenant.key}"}  # seed 001: Authorization: Bearer API_KEY
    files = {"file": ("newfile.pdf", io.BytesIO(b"%PDF" * 512), "application/pdf")}
    uploaded = client.post(
        "/v2/files/upload", headers=auth, files=files, data={"path": "/", "overwrite": "false"}
    )
    assert uploaded.status_code == 201
    body = uploaded.json()
    assert {"id", "name", "size", "upload_time"} <= body.keys()
    assert body["name"] == "newfile.pdf" and body["size"] == 2048
    # GET /files?path=&limit=&offset=
    listed = client.get("/v2/files?path=/&limit=50&offset=0", headers=auth)
    page = listed.json()
    assert set(page) == {"files", "total", "limit", "offset"}
    entry = next(f for f in page["files"] if f["id"] == body["id"])
    assert {"id", "name", "size", "type", "modified", "path"} <= entry.keys()
    assert entry["type"] == "file" and entry["path"] == "/newfile.pdf"
    # GET /files/{file_id}/download: the contents with their Content-Type
    got = client.get(f"/v2/files/{body['id']}/download", headers=auth)
    assert got.headers["content-type"] == "application/pdf" and got.content == b"%PDF" * 512
    # POST /files/{file_id}/share with seed 001's body
    shared = client.post(
        f"/v2/files/{body['id']}/share",
        headers=auth,
        json={
            "email": "recipient@example.com",
            "permissions": "view",
            "expires_at": "2030-02-15T00:00:00Z",
            "password_protected": True,
        },
    )
    assert shared.status_code == 201
    # DELETE /files/{file_id}: {"success": true, "deleted_at": ...}
    deleted = client.delete(f"/v2/files/{body['id']}", headers=auth).json()
    assert deleted["success"] is True and deleted["deleted_at"].endswith("Z")
    assert client.get("/v2/files?limit=101", headers=auth).status_code == 400  # max 100


def test_events_announce_uploads_shares_and_deletions(client, tenant):
    file = upload(client, tenant, b"evented", name="evented.txt").json()
    client.post(
        f"/v2/files/{file['id']}/share", headers=headers(tenant), json={"email": "a@example.com"}
    )
    client.delete(f"/v2/files/{file['id']}", headers=headers(tenant))
    org = tenant.organization_id
    created = [e for e in _events(org, "file.created") if e["file_id"] == file["id"]]
    assert created and created[0]["name"] == "evented.txt"
    assert [e["action"] for e in _events(org, "file.shared") if e["file_id"] == file["id"]] == [
        "created"
    ]
    assert [e["path"] for e in _events(org, "file.deleted") if e["file_id"] == file["id"]] == [
        "/evented.txt"
    ]


def test_quota_per_plan_names_the_limit(client, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    with runtime.current().db.sync_transaction() as session:
        if session.get(Plan, "tiny-files") is None:
            session.add(Plan(name="tiny-files", storage_bytes=1000, description="test quota"))
            session.flush()
        session.execute(
            update(Organization)
            .where(Organization.id == tenant.organization_id)
            .values(plan="tiny-files")
        )
    from charter.identity.principals import key_cache

    key_cache.clear()
    assert upload(client, tenant, b"x" * 600, name="a.bin").status_code == 201
    refused = upload(client, tenant, b"x" * 600, name="b.bin")
    assert refused.status_code == 413
    message = refused.json()["error"]["message"]
    assert "quota" in message and "tiny-files" in message and "1000" in message
    replaced = upload(client, tenant, b"y" * 900, name="a.bin", overwrite=True)
    assert replaced.status_code == 201  # a new version replaces the old one's bytes


def test_a_file_larger_than_a_part_streams_through(client, tenant, files_store, monkeypatch):
    monkeypatch.setattr(runtime.current().settings, "file_part_bytes", 5 * 1024 * 1024)
    content = os.urandom(11 * 1024 * 1024 + 17)  # three S3 parts
    stored = upload(client, tenant, content, name="large.bin")
    assert stored.status_code == 201, stored.text
    assert stored.json()["checksum"] == hashlib.sha256(content).hexdigest()
    file_id = stored.json()["id"]
    got = client.get(f"/v2/files/{file_id}/download", headers=headers(tenant))
    assert got.content == content
    if files_store.kind == "s3":  # stored as a multipart upload of three parts
        with runtime.current().db.sync_transaction() as session:
            key = session.execute(select(File.blob_key).where(File.id == file_id)).scalar_one()
        etag = files_store.client.head_object(Bucket=BUCKET, Key=key)["ETag"]
        assert etag.strip('"').endswith("-3")
    middle = client.get(
        f"/v2/files/{file_id}/download",
        headers={**headers(tenant), "Range": "bytes=5242870-5242889"},
    )
    assert middle.status_code == 206 and middle.content == content[5242870:5242890]
