"""A new version uploaded through an `edit` share (seed 001): POST /v2/shares/{token}/upload."""

from __future__ import annotations

import asyncio
import hashlib
import io

import pytest
from sqlalchemy import select, update

from charter.files import uploads
from charter.platform import runtime
from storage.models import AuditEvent, FileShare, Organization, OutboxEvent, Plan
from tests.files.conftest import blob_keys, headers, upload


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def file(client, tenant):
    return upload(client, tenant, b"first version" * 50, name="report.pdf", path="/docs").json()


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def share(client, tenant, file_id, **body) -> dict:
    body = {"email": "recipient@example.com", "permissions": "edit", **body}
    made = client.post(f"/v2/files/{file_id}/share", json=body, headers=headers(tenant))
    assert made.status_code == 201, made.text
    return made.json()


def put(client, link: str, content: bytes, unlock: str | None = None, **kw):
    files = {"file": (kw.pop("name", "whatever.bin"), io.BytesIO(content), kw.pop("type", None))}
    extra = {"X-Share-Unlock": unlock} if unlock else {}
    return client.post(_path(link) + "/upload", files=files, headers=extra)


def _outbox(organization_id: str) -> list[dict]:
    with runtime.current().db.sync_transaction() as session:
        statement = select(OutboxEvent.payload).where(
            OutboxEvent.organization_id == organization_id,
            OutboxEvent.event_type == "file.created",
        )
        return list(session.execute(statement).scalars())


def _audit(file_id: str) -> list[tuple[str, str | None, dict]]:
    with runtime.current().db.sync_transaction() as session:
        statement = (
            select(AuditEvent.actor_type, AuditEvent.actor_id, AuditEvent.details)
            .where(AuditEvent.resource_id == file_id, AuditEvent.action == "file.created")
            .order_by(AuditEvent.created_at)
        )
        return [tuple(row) for row in session.execute(statement)]


def test_an_edit_share_uploads_a_new_version(client, tenant, files_store, file):
    before = asyncio.run(blob_keys(files_store))
    link = share(client, tenant, file["id"])["url"]
    new = b"second version, from the recipient" * 40
    stored = put(client, link, new, name="C:\\Users\\me\\other-name.txt")
    assert stored.status_code == 201, stored.text
    body = stored.json()
    assert body["version"] == 2 and body["size"] == len(new)
    assert body["name"] == "report.pdf"  # the shared file's name, not the uploaded one
    assert body["content_type"] == "text/plain"  # the type the part declared
    assert body["checksum"] == hashlib.sha256(new).hexdigest()
    assert "id" not in body and "path" not in body  # the owner's tree stays private
    owned = client.get(f"/v2/files/{file['id']}", headers=headers(tenant)).json()
    assert (owned["id"], owned["path"], owned["version"]) == (file["id"], "/docs/report.pdf", 2)
    got = client.get(f"/v2/files/{file['id']}/download", headers=headers(tenant))
    assert got.content == new
    assert client.get(_path(link) + "/download").content == new
    after = asyncio.run(blob_keys(files_store))
    assert len(after) == len(before)  # the first version's blob was deleted, one was added
    assert after != before
    events = _outbox(tenant.organization_id)
    assert [e["version"] for e in events if e["file_id"] == file["id"]] == [1, 2]
    audited = _audit(file["id"])
    share_id = client.get(f"/v2/files/{file['id']}/shares", headers=headers(tenant)).json()
    assert audited[-1][:2] == ("share", share_id["data"][0]["id"])
    assert audited[-1][2]["share_id"] == share_id["data"][0]["id"]


def test_without_a_declared_type_it_is_guessed_from_the_shared_name(client, tenant, file):
    link = _path(share(client, tenant, file["id"])["url"]) + "/upload"
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="x"\r\n\r\n'
        b"%PDF-1.7\r\n--b--\r\n"
    )
    stored = client.post(
        link, content=body, headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert stored.status_code == 201, stored.text
    assert stored.json()["content_type"] == "application/pdf"


def test_a_view_share_is_403_and_its_body_is_never_read(
    client, tenant, files_store, file, monkeypatch
):
    received = []
    real = uploads.receive

    async def spy(*args, **kwargs):
        received.append(1)
        return await real(*args, **kwargs)

    monkeypatch.setattr(uploads, "receive", spy)
    before = asyncio.run(blob_keys(files_store))
    link = share(client, tenant, file["id"], permissions="view")["url"]
    refused = put(client, link, b"x" * 100_000)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["code"] == "FORBIDDEN"
    assert "view" in refused.json()["error"]["message"]
    assert received == []
    assert asyncio.run(blob_keys(files_store)) == before
    owned = client.get(f"/v2/files/{file['id']}", headers=headers(tenant)).json()
    assert owned["version"] == 1
    edit = share(client, tenant, file["id"])["url"]
    assert put(client, edit, b"y").status_code == 201
    assert received == [1]


def test_a_password_protected_share_needs_its_unlock_token(client, tenant, file, clock):
    made = share(client, tenant, file["id"], password_protected=True)
    link = made["url"]
    missing = put(client, link, b"new")
    assert missing.status_code == 401
    assert "X-Share-Unlock" in missing.json()["error"]["message"]
    assert put(client, link, b"new", unlock="garbage.token").status_code == 401
    unlocked = client.post(_path(link) + "/unlock", json={"password": made["password"]})
    assert unlocked.status_code == 200, unlocked.text
    url = unlocked.json()["url"]
    token = url.rsplit("/", 1)[-1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert put(client, link, b"new", unlock=tampered).status_code == 401
    other = share(client, tenant, file["id"], password_protected=True)
    other_url = client.post(
        _path(other["url"]) + "/unlock", json={"password": other["password"]}
    ).json()["url"]
    crossed = put(client, link, b"new", unlock=other_url.rsplit("/", 1)[-1])
    assert crossed.status_code == 401
    assert "not unlocked from this share" in crossed.json()["error"]["message"]
    first = put(client, link, b"new", unlock=token)
    assert first.status_code == 201, first.text
    second = put(client, link, b"newer", unlock=url)  # the whole URL, after a new version
    assert second.status_code == 201 and second.json()["version"] == 3
    clock.advance(301)
    expired = put(client, link, b"newest", unlock=token)
    assert expired.status_code == 401
    assert "unlock the share again" in expired.json()["error"]["message"]


def test_expired_revoked_locked_and_unknown_links(client, tenant, file, clock):
    revoked = share(client, tenant, file["id"])
    client.delete(f"/v2/files/{file['id']}/shares/{revoked['id']}", headers=headers(tenant))
    gone = put(client, revoked["url"], b"x")
    assert gone.status_code == 410 and gone.json()["error"]["code"] == "GONE"
    locked = share(client, tenant, file["id"], password_protected=True)
    for _ in range(5):
        client.post(_path(locked["url"]) + "/unlock", json={"password": "wrong"})
    answer = put(client, locked["url"], b"x")
    assert answer.status_code == 423 and answer.json()["error"]["code"] == "LOCKED"
    assert client.post("/v2/shares/unknown/upload", files={"file": ("a", b"x")}).status_code == 404
    expiring = share(client, tenant, file["id"], expires_at="2030-01-01T00:00:00Z")
    clock.advance(10 * 365 * 86400)
    assert put(client, expiring["url"], b"x").status_code == 410
    owned = client.get(f"/v2/files/{file['id']}", headers=headers(tenant)).json()
    assert owned["version"] == 1


def test_a_share_revoked_during_the_upload_stores_nothing(
    client, tenant, files_store, file, monkeypatch
):
    """The link is checked again in the upload's transaction: revoked while the bytes arrived,
    the upload is 410 and its blob is deleted."""
    made = share(client, tenant, file["id"])
    before = asyncio.run(blob_keys(files_store))
    real = uploads.receive

    async def revoking(*args, **kwargs):
        received = await real(*args, **kwargs)
        with runtime.current().db.sync_transaction() as session:
            session.execute(
                update(FileShare).where(FileShare.id == made["id"]).values(revoked_at=_now())
            )
        return received

    monkeypatch.setattr(uploads, "receive", revoking)
    answer = put(client, made["url"], b"late bytes")
    assert answer.status_code == 410, answer.text
    assert asyncio.run(blob_keys(files_store)) == before
    owned = client.get(f"/v2/files/{file['id']}", headers=headers(tenant)).json()
    assert owned["version"] == 1


def _now():
    from charter.platform.clock import utcnow

    return utcnow()


def test_the_owner_s_quota_and_the_size_limit_apply(client, tenant, file, monkeypatch):
    link = share(client, tenant, file["id"])["url"]
    with runtime.current().db.sync_transaction() as session:
        if session.get(Plan, "quota-share-1000") is None:
            session.add(Plan(name="quota-share-1000", storage_bytes=1000, description="test"))
            session.flush()
        session.execute(
            update(Organization)
            .where(Organization.id == tenant.organization_id)
            .values(plan="quota-share-1000")
        )
    # 650 bytes are stored; a new version replaces them, so 1000 fit and 1001 do not
    assert put(client, link, b"q" * 1000).status_code == 201
    over = put(client, link, b"q" * 1001)
    assert over.status_code == 413, over.text
    assert "quota-share-1000 plan stores at most 1000 bytes" in over.json()["error"]["message"]
    monkeypatch.setattr(runtime.current().settings, "max_file_bytes", 10)
    big = put(client, link, b"z" * 11)
    assert big.status_code == 413 and "CHARTER_MAX_FILE_BYTES" in big.json()["error"]["message"]


def test_malformed_bodies_are_400(client, tenant, file):
    link = _path(share(client, tenant, file["id"])["url"]) + "/upload"
    no_file = client.post(link, data={"path": "/x"}, files={})
    assert no_file.status_code in (400, 415)
    extra = client.post(link, data={"overwrite": "true"}, files={"file": ("a", b"x")})
    assert extra.status_code == 400, extra.text
    assert extra.json()["error"]["details"]["field"].startswith("body")
