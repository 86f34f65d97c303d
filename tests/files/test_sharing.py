"""Shares (seed 001's body), public share access, unlock with a password, signed URLs."""

from __future__ import annotations

import pytest

from charter.platform import senders
from tests.files.conftest import headers, upload


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def file(client, tenant):
    return upload(client, tenant, b"shared bytes" * 100, name="report.pdf").json()


def _path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def share(client, tenant, file_id, **body):
    body = {"email": "recipient@example.com", **body}
    return client.post(f"/v2/files/{file_id}/share", json=body, headers=headers(tenant))


def test_seed_share_body_without_password(client, tenant, file):
    created = share(
        client, tenant, file["id"], permissions="view", expires_at="2030-02-15T00:00:00Z"
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["permissions"] == "view" and body["expires_at"] == "2030-02-15T00:00:00Z"
    assert body["password_protected"] is False and "password" not in body
    sent = senders.sent[-1]
    assert sent["kind"] == "file_share" and sent["to"] == "recipient@example.com"
    assert sent["url"] == body["url"]
    link = _path(body["url"])
    meta = client.get(link)
    assert meta.status_code == 200
    assert meta.json()["name"] == "report.pdf"
    got = client.get(link + "/download")
    assert got.status_code == 200 and got.content == b"shared bytes" * 100
    assert got.headers["x-content-type-options"] == "nosniff"
    listed = client.get(f"/v2/files/{file['id']}/shares", headers=headers(tenant)).json()
    assert [s["id"] for s in listed["data"]] == [body["id"]]
    assert "url" not in listed["data"][0]
    revoked = client.delete(f"/v2/files/{file['id']}/shares/{body['id']}", headers=headers(tenant))
    assert revoked.status_code == 204
    gone = client.get(link + "/download")
    assert gone.status_code == 410
    assert gone.json()["error"]["code"] == "GONE"


def test_password_protected_share_unlocks_and_locks(client, tenant, file):
    body = share(client, tenant, file["id"], password_protected=True).json()
    password = body["password"]
    assert password not in body["url"]
    assert password not in str(senders.sent[-1])  # never sent with the link
    link = _path(body["url"])
    assert client.get(link + "/download").status_code == 401
    unlocked = client.post(link + "/unlock", json={"password": password})
    assert unlocked.status_code == 200, unlocked.text
    got = client.get(_path(unlocked.json()["url"]))
    assert got.status_code == 200 and got.content == b"shared bytes" * 100
    for _attempt in range(4):
        wrong = client.post(link + "/unlock", json={"password": "wrong"})
        assert wrong.status_code == 401
        assert wrong.json()["error"]["code"] == "INVALID_CREDENTIALS"
    locked = client.post(link + "/unlock", json={"password": "wrong"})
    assert locked.status_code == 423
    assert locked.json()["error"]["code"] == "LOCKED"
    assert client.post(link + "/unlock", json={"password": password}).status_code == 423


def test_expired_share_is_gone(client, tenant, file, clock):
    body = share(client, tenant, file["id"], expires_at="2030-01-01T00:00:00Z").json()
    clock.advance(10 * 365 * 86400)
    assert client.get(_path(body["url"])).status_code == 410


def test_past_expiry_is_refused(client, tenant, file):
    refused = share(client, tenant, file["id"], expires_at="2001-01-01T00:00:00Z")
    assert refused.status_code == 400


@pytest.mark.parametrize(
    "email",
    [
        "a@example.com\r\nBcc: x@evil.example",
        "a@example.com\n",
        "@",
        "a@",
        "a b@example.com",
        "<script>@x.example",
        "a@@example.com",
        "a@example",
        "x" * 250 + "@example.com",
    ],
)
def test_a_bad_email_is_refused_and_nothing_is_stored_or_sent(client, tenant, file, email):
    sent = len(senders.sent)
    refused = share(client, tenant, file["id"], email=email)
    assert refused.status_code == 400, refused.text
    error = refused.json()["error"]
    assert error["code"] == "INVALID_REQUEST" and error["details"]["field"] == "body.email"
    listed = client.get(f"/v2/files/{file['id']}/shares", headers=headers(tenant)).json()
    assert listed["data"] == [] and len(senders.sent) == sent


def test_an_address_the_users_rule_takes_is_shared_with(client, tenant, file):
    created = share(client, tenant, file["id"], email="o'brien+files@mail.example.co.uk")
    assert created.status_code == 201, created.text
    assert senders.sent[-1]["to"] == "o'brien+files@mail.example.co.uk"


def test_unknown_share_is_404(client):
    assert client.get("/v2/shares/nope").status_code == 404


def test_sharing_needs_the_share_scope(client, make_tenant, tenant, file):
    writer = make_tenant(plan="enterprise", scopes=["files:read", "files:write"])
    assert share(client, writer, file["id"]).status_code in (403, 404)
    other = make_tenant(plan="enterprise", scopes=["admin"])
    assert share(client, other, file["id"]).status_code == 404


def test_signed_urls(client, tenant, file, clock):
    made = client.post(
        f"/v2/files/{file['id']}/url", json={"expires_in": 60}, headers=headers(tenant)
    )
    assert made.status_code == 201, made.text
    path = _path(made.json()["url"])
    got = client.get(path, headers={"Range": "bytes=0-5"})
    assert got.status_code == 206 and got.content == b"shared"
    tampered = path[:-2] + ("AA" if not path.endswith("AA") else "BB")
    assert client.get(tampered).status_code == 404
    clock.advance(61)
    assert client.get(path).status_code == 410
    too_long = client.post(
        f"/v2/files/{file['id']}/url", json={"expires_in": 10**9}, headers=headers(tenant)
    )
    assert too_long.status_code == 400


def test_parallel_wrong_passwords_check_at_most_five(
    client, tenant, file, live_server, monkeypatch
):
    """Guesses in parallel cannot check more passwords than the lock allows (the count was read
    without a lock and written back: on PostgreSQL 20 parallel guesses were all checked)."""
    import threading

    import httpx

    from charter.identity import passwords

    checked = []
    verify = passwords.verify_password

    async def counting(hashed, given):
        checked.append(given)
        return await verify(hashed, given)

    monkeypatch.setattr(passwords, "verify_password", counting)
    body = share(client, tenant, file["id"], password_protected=True).json()
    url = f"{live_server.url}{_path(body['url'])}/unlock"
    codes: list[str] = []
    start = threading.Barrier(20)

    def guess(n: int) -> None:
        start.wait()
        answer = httpx.post(url, json={"password": f"wrong-{n}"}, timeout=30)
        codes.append(answer.json()["error"]["code"])

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) <= 5, checked
    assert codes.count("INVALID_CREDENTIALS") == 4
    assert codes.count("LOCKED") == 16
    assert (
        client.post(_path(body["url"]) + "/unlock", json={"password": body["password"]}).status_code
        == 423
    )


def test_share_and_download_tokens_stay_out_of_the_access_log(client, tenant, file, caplog):
    import logging

    body = share(client, tenant, file["id"]).json()
    link = _path(body["url"])
    token = link.rsplit("/", 1)[-1]
    signed = client.post(
        f"/v2/files/{file['id']}/url", json={"expires_in": 60}, headers=headers(tenant)
    ).json()
    signed_path = _path(signed["url"])
    with caplog.at_level(logging.INFO, logger="charter.access"):
        assert client.get(link).status_code == 200
        assert client.get(link + "/download").status_code == 200
        assert client.post(link + "/unlock", json={"password": "x"}).status_code == 400
        assert client.get(signed_path).status_code == 200
    logged = [r.fields["path"] for r in caplog.records if r.name == "charter.access"]
    assert logged == [
        "/v2/shares/[redacted]",
        "/v2/shares/[redacted]/download",
        "/v2/shares/[redacted]/unlock",
        "/v2/downloads/[redacted]",
    ]
    assert token not in caplog.text and signed_path.rsplit("/", 1)[-1] not in caplog.text


def test_production_shares_only_with_a_public_url(client, tenant, file, monkeypatch):
    """Without CHARTER_PUBLIC_URL the emailed link's origin came from the Host header the
    caller sends; in production sharing now refuses (503) and sends and stores nothing."""
    from charter.platform import runtime

    settings = runtime.current().settings
    monkeypatch.setattr(settings, "env", "production")
    monkeypatch.setattr(settings, "public_url", "")
    emailed: list[dict] = []

    async def webhook_sender(message):  # production's sender (the signed webhook bridge)
        emailed.append(message)

    monkeypatch.setattr(senders, "send", webhook_sender)
    evil = {**headers(tenant), "Host": "files.evil.example"}
    body = {"email": "recipient@example.com"}
    refused = client.post(f"/v2/files/{file['id']}/share", json=body, headers=evil)
    assert refused.status_code == 503, refused.text
    assert "CHARTER_PUBLIC_URL" in refused.json()["error"]["message"]
    assert emailed == []
    listed = client.get(f"/v2/files/{file['id']}/shares", headers=headers(tenant)).json()
    assert listed["data"] == []
    monkeypatch.setattr(settings, "public_url", "https://files.example.com")
    created = client.post(f"/v2/files/{file['id']}/share", json=body, headers=evil)
    assert created.status_code == 201, created.text
    assert created.json()["url"].startswith("https://files.example.com/v2/shares/")
    assert [message["url"] for message in emailed] == [created.json()["url"]]


def test_a_directory_cannot_be_shared_nor_downloaded_through_a_share(client, tenant):
    made = client.post(
        "/v2/files/directories", json={"path": "/shared-dir"}, headers=headers(tenant)
    )
    assert made.status_code == 201, made.text
    refused = share(client, tenant, made.json()["id"], password_protected=True)
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"]["details"]["field"] == "path.file_id"
    listed = client.get(f"/v2/files/{made.json()['id']}/shares", headers=headers(tenant)).json()
    assert listed["data"] == []
    # a share of a directory made before it was refused: its unlocked URL answers 400 too
    from tests.files.factories import create_share

    _, token = create_share(tenant.organization_id, made.json()["id"], password="pw-123456")
    unlocked = client.post(f"/v2/shares/{token}/unlock", json={"password": "pw-123456"})
    assert unlocked.status_code == 200, unlocked.text
    got = client.get(_path(unlocked.json()["url"]))
    assert got.status_code == 400, got.text
    assert got.json()["error"]["details"]["field"] == "path.token"
