"""Implicit directories (made above uploaded files) go with the last entry under them; explicit
ones (POST /v2/files/directories) stay until deleted."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from sqlalchemy import select, text

from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from storage.models import File, Organization
from tests.conftest import PG_URL
from tests.files.conftest import headers, upload


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _names(client, tenant, path: str = "/") -> list[str] | None:
    listed = client.get("/v2/files", params={"path": path}, headers=headers(tenant))
    if listed.status_code == 404:
        return None
    assert listed.status_code == 200, listed.text
    return [entry["name"] for entry in listed.json()["files"]]


def _delete(client, tenant, file_id: str) -> None:
    deleted = client.delete(f"/v2/files/{file_id}", headers=headers(tenant))
    assert deleted.status_code == 200, deleted.text


def _mkdir(client, tenant, path: str):
    return client.post("/v2/files/directories", json={"path": path}, headers=headers(tenant))


def _paths(organization_id: str) -> list[str]:
    with runtime.current().db.sync_transaction() as session:
        statement = select(File.path).where(File.organization_id == organization_id)
        return sorted(session.execute(statement).scalars())


def test_implicit_directories_go_with_their_last_file(client, tenant):
    deep = upload(client, tenant, b"deep", name="f.txt", path="/a/b/c").json()
    other = upload(client, tenant, b"other", name="g.txt", path="/a").json()
    assert _names(client, tenant) == ["a"]
    assert _names(client, tenant, "/a") == ["b", "g.txt"]
    directory = client.get("/v2/files", params={"path": "/a/b"}, headers=headers(tenant))
    b_id = directory.json()["files"][0]["id"]  # /a/b/c's id, for after
    _delete(client, tenant, deep["id"])
    assert _names(client, tenant, "/a") == ["g.txt"]  # /a/b/c and /a/b went; /a holds g.txt
    assert _names(client, tenant, "/a/b") is None
    assert client.get(f"/v2/files/{b_id}", headers=headers(tenant)).status_code == 404
    _delete(client, tenant, other["id"])
    assert _names(client, tenant) == []
    assert _paths(tenant.organization_id) == []


def test_explicit_directories_stay_and_stop_the_pruning(client, tenant):
    assert _mkdir(client, tenant, "/keep/inner").status_code == 201
    stored = upload(client, tenant, b"x", name="f.txt", path="/keep/inner/deeper").json()
    _delete(client, tenant, stored["id"])
    assert _names(client, tenant, "/keep/inner") == []  # explicit: kept, empty
    assert _names(client, tenant, "/keep") == ["inner"]  # implicit, but not empty
    inner = client.get("/v2/files", params={"path": "/keep"}, headers=headers(tenant)).json()
    _delete(client, tenant, inner["files"][0]["id"])
    assert _names(client, tenant) == []  # /keep was made implicitly above /keep/inner
    assert _paths(tenant.organization_id) == []


def test_creating_an_implicit_directory_makes_it_explicit(client, tenant):
    stored = upload(client, tenant, b"x", name="f.txt", path="/docs").json()
    listed = client.get("/v2/files", headers=headers(tenant)).json()["files"]
    made = _mkdir(client, tenant, "/docs")
    assert made.status_code == 201, made.text
    assert made.json()["id"] == listed[0]["id"]  # the same directory, now kept
    again = _mkdir(client, tenant, "/docs")
    assert again.status_code == 409 and again.json()["error"]["code"] == "CONFLICT"
    assert _mkdir(client, tenant, "/docs/f.txt").status_code == 409  # a file
    _delete(client, tenant, stored["id"])
    assert _names(client, tenant) == ["docs"]
    assert _names(client, tenant, "/docs") == []


def test_an_overwrite_keeps_its_directories(client, tenant):
    first = upload(client, tenant, b"one", name="f.txt", path="/over").json()
    again = upload(client, tenant, b"two", name="f.txt", path="/over", overwrite=True).json()
    assert again["id"] == first["id"] and again["version"] == 2
    assert _names(client, tenant) == ["over"]
    _delete(client, tenant, first["id"])
    assert _names(client, tenant) == []


def test_a_directory_with_entries_is_409_and_a_second_delete_404(client, tenant):
    stored = upload(client, tenant, b"x", name="f.txt", path="/busy").json()
    busy = client.get("/v2/files", headers=headers(tenant)).json()["files"][0]
    refused = client.delete(f"/v2/files/{busy['id']}", headers=headers(tenant))
    assert refused.status_code == 409 and "not empty" in refused.json()["error"]["message"]
    _delete(client, tenant, stored["id"])
    assert client.delete(f"/v2/files/{stored['id']}", headers=headers(tenant)).status_code == 404


def test_a_directory_emptied_while_a_file_arrives_in_it_keeps_it(live_server, tenant):
    """The last file of a directory deleted while an upload is recording a file in the same
    directory (its transaction open, the organization's row locked, as uploads lock it for
    the quota): the deletion waits for the upload, then sees the new file and keeps the
    directory. Without the lock it saw no entry and deleted the directory under the file."""
    auth = {"X-API-Key": tenant.key}
    first = httpx.post(
        f"{live_server.url}/v2/files/upload",
        headers=auth,
        files={"file": ("first.txt", b"first")},
        data={"path": "/contended"},
        timeout=30,
    ).json()
    db = runtime.current().db
    answer: dict[str, httpx.Response] = {}
    remove = threading.Thread(
        target=lambda: answer.update(
            delete=httpx.delete(f"{live_server.url}/v2/files/{first['id']}", headers=auth)
        )
    )
    with db.sync_transaction() as session:  # the upload, between its lock and its commit
        session.execute(
            select(Organization.id)
            .where(Organization.id == tenant.organization_id)
            .with_for_update(key_share=True)
        )
        now = utcnow()
        session.add(
            File(
                id=new_id("file"),
                organization_id=tenant.organization_id,
                livemode=True,
                type="file",
                path="/contended/second.txt",
                parent="/contended",
                name="second.txt",
                size=0,
                content_type="text/plain",
                checksum=None,
                blob_key=None,
                version=1,
                created_at=now,
                modified_at=now,
            )
        )
        session.flush()
        remove.start()
        if PG_URL:  # until the deletion waits for the lock (it finished: it did not wait)
            waiting = (
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            deadline = time.monotonic() + 20
            with db.engine.connect() as probe:
                while remove.is_alive() and not probe.execute(text(waiting)).scalar_one():
                    assert time.monotonic() < deadline, "the deletion never waited"
                    time.sleep(0.02)
    remove.join(timeout=30)
    assert answer["delete"].status_code == 200, answer["delete"].text
    stored = _paths(tenant.organization_id)
    assert stored == ["/contended", "/contended/second.txt"], stored


def test_the_listing_total_follows_every_change(client, tenant):
    """`total` is the directory's maintained count (file_counts, kept by triggers): it follows
    uploads, overwrites, deletions, pruned directories and rows written straight in."""

    def total(path: str) -> int:
        listed = client.get("/v2/files", params={"path": path, "limit": 1}, headers=headers(tenant))
        assert listed.status_code == 200, listed.text
        return listed.json()["total"]

    stored = [upload(client, tenant, b"x", name=f"f{n}.txt", path="/t").json() for n in range(3)]
    upload(client, tenant, b"y", name="g.txt", path="/t/sub")
    assert total("/t") == 4
    upload(client, tenant, b"z", name="f0.txt", path="/t", overwrite=True)
    assert total("/t") == 4
    _delete(client, tenant, stored[0]["id"])
    assert total("/t") == 3
    assert _mkdir(client, tenant, "/u").status_code == 201
    assert _mkdir(client, tenant, "/v").status_code == 201
    assert total("/") == 3  # /t, /u, /v
    with runtime.current().db.sync_transaction() as session:
        now = utcnow()
        for n in range(2):
            session.add(
                File(
                    id=new_id("file"),
                    organization_id=tenant.organization_id,
                    livemode=True,
                    type="file",
                    path=f"/t/direct-{n}",
                    parent="/t",
                    name=f"direct-{n}",
                    size=0,
                    content_type=None,
                    checksum=None,
                    blob_key=None,
                    version=1,
                    created_at=now,
                    modified_at=now,
                )
            )
    assert total("/t") == 5
    sub = client.get("/v2/files", params={"path": "/t/sub"}, headers=headers(tenant)).json()
    _delete(client, tenant, sub["files"][0]["id"])  # /t/sub goes with it
    assert total("/t") == 4


def _conflict_field(response) -> str:
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == "CONFLICT"
    return error["details"]["field"]


def test_upload_path_is_the_directory_the_file_goes_into(client, tenant):
    # seed 001's "Destination path": a directory, the file keeping its uploaded name
    first = upload(client, tenant, b"one", name="a.txt", path="/docs")
    assert first.status_code == 201 and first.json()["path"] == "/docs/a.txt"
    nested = upload(client, tenant, b"two", name="a.txt", path="/docs/b.txt")
    assert nested.status_code == 201 and nested.json()["path"] == "/docs/b.txt/a.txt"
    assert _names(client, tenant, "/docs") == ["a.txt", "b.txt"]


@pytest.mark.parametrize("path", ["/docs/a.txt", "/docs/a.txt/", "/docs/a.txt/deeper/still"])
def test_a_file_at_or_above_the_upload_path_is_409_naming_body_path(client, tenant, path):
    made = upload(client, tenant, b"one", name="a.txt", path="/docs")
    assert made.status_code == 201, made.text
    refused = upload(client, tenant, b"two", name="a.txt", path=path)
    assert _conflict_field(refused) == "body.path"
    assert "/docs/a.txt is a file" in refused.json()["error"]["message"]
    # nothing was made under the file, and the file is as it was
    assert _names(client, tenant, "/docs") == ["a.txt"]
    assert _names(client, tenant, "/docs/a.txt") is None
    got = client.get(f"/v2/files/{made.json()['id']}/download", headers=headers(tenant))
    assert got.content == b"one"
    directory = client.post(
        "/v2/files/directories", json={"path": path + "/sub"}, headers=headers(tenant)
    )
    assert _conflict_field(directory) == "body.path"


def test_every_files_conflict_names_its_field(client, tenant):
    assert upload(client, tenant, b"one", name="a.txt", path="/c").status_code == 201
    assert _conflict_field(upload(client, tenant, b"x", name="a.txt", path="/c")) == (
        "body.overwrite"
    )
    made = client.post("/v2/files/directories", json={"path": "/c/d"}, headers=headers(tenant))
    assert made.status_code == 201, made.text
    assert _conflict_field(upload(client, tenant, b"x", name="d", path="/c")) == "body.file"
    again = client.post("/v2/files/directories", json={"path": "/c/d"}, headers=headers(tenant))
    assert _conflict_field(again) == "body.path"
    root = client.post("/v2/files/directories", json={"path": "/"}, headers=headers(tenant))
    assert _conflict_field(root) == "body.path"
    assert upload(client, tenant, b"x", name="e.txt", path="/c/d").status_code == 201
    full = client.delete(f"/v2/files/{made.json()['id']}", headers=headers(tenant))
    assert _conflict_field(full) == "path.file_id"


def test_pages_of_a_directory_carry_its_total_and_a_page_past_the_end_too(client, tenant):
    """The total rides on the page's rows; a page past the end has none, and still says it."""
    for n in range(5):
        upload(client, tenant, b"x", name=f"p{n}.txt", path="/paged")

    def page(**params) -> dict:
        listed = client.get(
            "/v2/files", params={"path": "/paged", **params}, headers=headers(tenant)
        )
        assert listed.status_code == 200, listed.text
        return listed.json()

    names = lambda listed: [entry["name"] for entry in listed["files"]]  # noqa: E731
    assert (names(page(limit=2)), page(limit=2)["total"]) == (["p0.txt", "p1.txt"], 5)
    middle = page(limit=2, offset=2, sort="name", order="desc")
    assert (names(middle), middle["total"]) == (["p2.txt", "p1.txt"], 5)
    last = page(limit=10, offset=4)
    assert (names(last), last["total"]) == (["p4.txt"], 5)
    past = page(limit=10, offset=7)
    assert (past["files"], past["total"], past["offset"]) == ([], 5, 7)
    assert page(limit=10)["total"] == 5
