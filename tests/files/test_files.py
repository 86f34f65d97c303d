"""/v2/files: seed 001's list, upload, download and delete, on local disk and on S3."""

from __future__ import annotations

import asyncio
import hashlib
import io

import pytest

from tests.files.conftest import blob_keys, headers, upload


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def test_upload_list_download_delete(client, tenant, files_store):
    content = b"%PDF-1.7 hello" * 1000
    response = upload(client, tenant, content, path="/documents")
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["name"] == "document.pdf"
    assert created["path"] == "/documents/document.pdf"
    assert created["size"] == len(content)
    assert created["checksum"] == hashlib.sha256(content).hexdigest()
    assert created["id"].startswith("file_")
    assert created["upload_time"].endswith("Z")

    root = client.get("/v2/files", headers=headers(tenant)).json()
    assert [(f["name"], f["type"]) for f in root["files"]] == [("documents", "directory")]
    listed = client.get("/v2/files?path=/documents", headers=headers(tenant)).json()
    assert listed["total"] == 1 and listed["limit"] == 50 and listed["offset"] == 0
    item = listed["files"][0]
    assert {k: item[k] for k in ("id", "name", "size", "type", "path")} == {
        "id": created["id"],
        "name": "document.pdf",
        "size": len(content),
        "type": "file",
        "path": "/documents/document.pdf",
    }

    got = client.get(f"/v2/files/{created['id']}/download", headers=headers(tenant))
    assert got.status_code == 200
    assert got.content == content
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["etag"] == f'"{created["checksum"]}"'
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-security-policy"].startswith("sandbox")
    assert got.headers["content-disposition"].startswith('inline; filename="document.pdf"')

    gone = client.delete(f"/v2/files/{created['id']}", headers=headers(tenant))
    assert gone.status_code == 200
    assert gone.json()["success"] is True
    again = client.get(f"/v2/files/{created['id']}/download", headers=headers(tenant))
    assert again.status_code == 404
    assert again.json()["error"]["code"] == "NOT_FOUND"
    assert created["checksum"] not in asyncio.run(blob_keys(files_store)) or (
        files_store.kind == "s3"
    )


def test_overwrite_keeps_the_id_and_conflicts_without_it(client, tenant, files_store):
    first = upload(client, tenant, b"one", name="a.txt", content_type="text/plain").json()
    conflict = upload(client, tenant, b"two", name="a.txt", content_type="text/plain")
    assert conflict.status_code == 409
    assert conflict.json()["error"]["code"] == "CONFLICT"
    replaced = upload(
        client, tenant, b"two", name="a.txt", content_type="text/plain", overwrite=True
    )
    assert replaced.status_code == 201
    assert replaced.json()["id"] == first["id"]
    assert replaced.json()["version"] == 2
    body = client.get(f"/v2/files/{first['id']}/download", headers=headers(tenant)).content
    assert body == b"two"


def test_ranges_and_conditional_requests(client, tenant, files_store):
    content = bytes(range(256)) * 8
    file = upload(
        client, tenant, content, name="data.bin", content_type="application/x-data"
    ).json()
    url = f"/v2/files/{file['id']}/download"
    auth = headers(tenant)
    part = client.get(url, headers={**auth, "Range": "bytes=10-19"})
    assert part.status_code == 206
    assert part.content == content[10:20]
    assert part.headers["content-range"] == f"bytes 10-19/{len(content)}"
    suffix = client.get(url, headers={**auth, "Range": "bytes=-5"})
    assert suffix.content == content[-5:]
    tail = client.get(url, headers={**auth, "Range": "bytes=2040-"})
    assert tail.content == content[2040:]
    past = client.get(url, headers={**auth, "Range": f"bytes={len(content)}-"})
    assert past.status_code == 416
    assert past.headers["content-range"] == f"bytes */{len(content)}"
    etag = part.headers["etag"]
    assert client.get(url, headers={**auth, "If-None-Match": etag}).status_code == 304
    modified = part.headers["last-modified"]
    assert client.get(url, headers={**auth, "If-Modified-Since": modified}).status_code == 304
    stale = client.get(url, headers={**auth, "Range": "bytes=0-0", "If-Range": '"other"'})
    assert stale.status_code == 200 and stale.content == content
    head = client.head(url, headers=auth)
    assert head.status_code == 200
    assert head.headers["content-length"] == str(len(content))
    assert head.content == b""
    assert head.headers["content-disposition"].startswith("attachment;")


BIG = "9" * 23  # past any 64-bit integer


@pytest.mark.parametrize(
    "wanted, status, content_range, part",
    [
        (f"bytes=0-{BIG}", 206, "bytes 0-10/11", slice(0, 11)),  # last-pos clamped
        (f"bytes=4-{BIG}", 206, "bytes 4-10/11", slice(4, 11)),
        ("bytes=0-100", 206, "bytes 0-10/11", slice(0, 11)),
        (f"bytes=-{BIG}", 206, "bytes 0-10/11", slice(0, 11)),  # suffix longer than the file
        ("bytes=-3", 206, "bytes 8-10/11", slice(8, 11)),
        (f"bytes={BIG}-", 416, "bytes */11", None),  # first-pos past the end
        (f"bytes={BIG}-{BIG}", 416, "bytes */11", None),
        ("bytes=11-20", 416, "bytes */11", None),
        ("bytes=5-4", 416, "bytes */11", None),
        ("bytes=-0", 416, "bytes */11", None),
        ("bytes=0-1,3-4", 200, None, slice(0, 11)),  # several ranges: the whole file
    ],
)
def test_range_positions_of_any_length(
    client, tenant, files_store, wanted, status, content_range, part
):
    content = b"hello world"
    file = upload(client, tenant, content, name="hello.txt", content_type="text/plain").json()
    auth = {**headers(tenant), "Range": wanted}
    got = client.get(f"/v2/files/{file['id']}/download", headers=auth)
    assert got.status_code == status, got.text
    assert got.headers.get("content-range") == content_range
    if part is not None:
        assert got.content == content[part]
        assert got.headers["content-length"] == str(len(content[part]))
    else:
        assert got.json()["error"]["code"] == "RANGE_NOT_SATISFIABLE"


def test_active_types_are_attachments(client, tenant):
    file = upload(
        client, tenant, b"<script>alert(1)</script>", name="résumé;1.html", content_type="text/html"
    ).json()
    got = client.get(f"/v2/files/{file['id']}/download", headers=headers(tenant))
    disposition = got.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="r_sum__1.html"')
    assert "filename*=UTF-8''r%C3%A9sum%C3%A9%3B1.html" in disposition
    assert got.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/a/../b", "/a/\x01", "/" + "x" * 300, "/" + "/".join(["d"] * 40)],
)
def test_bad_paths_are_refused(client, tenant, path):
    response = upload(client, tenant, b"x", path=path)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "INVALID_REQUEST"
    assert response.json()["error"]["details"]["field"] == "body.path"
    made = client.post("/v2/files/directories", json={"path": path}, headers=headers(tenant))
    assert made.status_code == 400, made.text
    assert made.json()["error"]["details"]["field"] == "body.path"


@pytest.mark.parametrize("query", ["/a%01", "/docs/..", "/a/./b", "/a%5Cb", "/" + "x" * 300])
def test_a_bad_listing_path_names_query_path(client, tenant, query):
    # as every query parameter's error is named (`query.limit`, `query.filter`)
    response = client.get(f"/v2/files?path={query}", headers=headers(tenant))
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "INVALID_REQUEST" and error["details"]["field"] == "query.path"
    assert error["details"]["errors"][0]["field"] == "query.path"


def test_errors_about_the_url_name_path_parameters(client, tenant):
    made = client.post("/v2/files/directories", json={"path": "/dir"}, headers=headers(tenant))
    directory = made.json()["id"]
    for url in (f"/v2/files/{directory}/download", f"/v2/files/{directory}/url"):
        method = client.get if url.endswith("download") else client.post
        kwargs = {} if url.endswith("download") else {"json": {"expires_in": 60}}
        refused = method(url, headers=headers(tenant), **kwargs)
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"]["details"]["field"] == "path.file_id"
    from tests.files.factories import create_share

    _, token = create_share(tenant.organization_id, directory, permissions="edit")
    files = {"file": ("a.txt", io.BytesIO(b"x"), "text/plain")}
    refused = client.post(f"/v2/shares/{token}/upload", files=files)
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"]["details"]["field"] == "path.token"


def test_missing_file_part_is_400(client, tenant):
    response = client.post(
        "/v2/files/upload",
        headers=headers(tenant),
        data={"path": "/x"},
        files={"other": ("", b"", "text/plain")},
    )
    assert response.status_code == 400


def test_file_size_limit_names_it(client, tenant, monkeypatch):
    from charter.platform import runtime

    monkeypatch.setattr(runtime.current().settings, "max_file_bytes", 1024)
    response = upload(client, tenant, b"x" * 4096)
    assert response.status_code == 413
    assert "CHARTER_MAX_FILE_BYTES" in response.json()["error"]["message"]


def test_scopes_and_tenancy(client, make_tenant, tenant):
    file = upload(client, tenant, b"secret").json()
    other = make_tenant(plan="enterprise", scopes=["admin"])
    assert client.get(f"/v2/files/{file['id']}/download", headers=headers(other)).status_code == 404
    assert client.delete(f"/v2/files/{file['id']}", headers=headers(other)).status_code == 404
    reader = make_tenant(plan="enterprise", scopes=["files:read"])
    denied = upload(client, reader, b"x")
    assert denied.status_code == 403
    assert client.post("/v2/files/upload", files={"file": ("a", b"x")}).status_code == 401


def test_directories(client, tenant):
    made = client.post(
        "/v2/files/directories", json={"path": "/empty/inner"}, headers=headers(tenant)
    )
    assert made.status_code == 201, made.text
    assert made.json()["type"] == "directory"
    listed = client.get("/v2/files?path=/empty", headers=headers(tenant)).json()
    assert [f["name"] for f in listed["files"]] == ["inner"]
    assert client.get("/v2/files?path=/nowhere", headers=headers(tenant)).status_code == 404
    busy = client.delete(
        f"/v2/files/{client.get('/v2/files', headers=headers(tenant)).json()['files'][0]['id']}",
        headers=headers(tenant),
    )
    assert busy.status_code in (200, 409)


def test_a_retried_upload_with_its_idempotency_key_replays(client, tenant, files_store):
    """The stand-in body the pipeline fingerprints was random (its boundary), so a retry was
    refused as a different request; it also left out the file's name and type."""

    def send(content: bytes, name: str = "retry.txt", content_type: str = "text/plain"):
        return client.post(
            "/v2/files/upload",
            headers={**headers(tenant), "Idempotency-Key": "upload-retry-1"},
            files={"file": (name, io.BytesIO(content), content_type)},
            data={"path": "/retries"},
        )

    first = send(b"the same bytes")
    assert first.status_code == 201, first.text
    stored = asyncio.run(blob_keys(files_store))
    again = send(b"the same bytes")
    assert again.status_code == 201, again.text
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json() == first.json()
    for other in (
        send(b"other bytes"),
        send(b"the same bytes", name="renamed.txt"),
        send(b"the same bytes", content_type="text/csv"),
    ):
        assert other.status_code == 400, other.text
        assert (
            "idempotency key was used with a different request" in other.json()["error"]["message"]
        )
    listed = client.get("/v2/files", params={"path": "/retries"}, headers=headers(tenant)).json()
    assert [f["name"] for f in listed["files"]] == ["retry.txt"]
    assert asyncio.run(blob_keys(files_store)) == stored  # the retries' blobs were deleted
