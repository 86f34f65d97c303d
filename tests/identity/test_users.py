"""/v1/users (seeds 002, 004): CRUD, filters, uniqueness, roles, batch, PII at rest."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select, text

from charter.platform import runtime
from tests import db as testdb
from tests.factories import create_key, create_user


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _new(client, tenant, **fields):
    body = {
        "username": fields.pop("username"),
        "email": fields.pop("email"),
        "password": "SecurePassword123!",
        **fields,
    }
    return client.post("/v1/users", json=body, headers={"X-API-Key": tenant.key})


def test_crud_in_data_envelope(client, tenant):
    headers = {"X-API-Key": tenant.key}
    created = _new(
        client, tenant, username="crud.user", email="crud@example.com", roles=["user", "editor"]
    )
    assert created.status_code == 201
    user = created.json()["data"]
    assert created.headers["location"] == f"/v1/users/{user['id']}"
    assert user["email"] == "crud@example.com" and user["roles"] == ["editor", "user"]
    assert "password" not in user and "password_hash" not in user
    path = f"/v1/users/{user['id']}"
    assert client.get(path, headers=headers).json()["data"] == user
    replaced = client.put(
        path,
        headers=headers,
        json={
            "username": "crud.user2",
            "email": "crud2@example.com",
            "roles": ["user"],
            "status": "active",
            "phone": "+14155550100",
        },
    ).json()["data"]
    assert replaced["username"] == "crud.user2" and replaced["phone"] == "+14155550100"
    patched = client.patch(path, headers=headers, json={"status": "disabled"}).json()["data"]
    assert patched["status"] == "disabled" and patched["phone"] == "+14155550100"
    cleared = client.put(
        path,
        headers=headers,
        json={
            "username": "crud.user2",
            "email": "crud2@example.com",
            "roles": ["user"],
            "status": "active",
        },
    ).json()["data"]
    assert cleared["phone"] is None  # PUT is a full replace
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404


def test_list_pagination_and_filters(client, tenant):
    headers = {"X-API-Key": tenant.key}
    for i, role in enumerate(["user", "editor", "editor"]):
        created = _new(
            client,
            tenant,
            username=f"filter.{i}.{tenant.organization_id[-6:]}".lower(),
            email=f"f{i}@example.com",
            roles=[role],
        )
        assert created.status_code == 201, created.text
    page = client.get("/v1/users?limit=2&offset=0", headers=headers).json()
    # The three created here and the tenant's own admin.
    assert (
        page["limit"] == 2 and page["offset"] == 0 and len(page["data"]) == 2 and page["total"] == 4
    )
    rest = client.get("/v1/users?limit=2&offset=2", headers=headers).json()
    assert len(rest["data"]) == 2 and rest["total"] == 4
    assert not {u["id"] for u in page["data"]} & {u["id"] for u in rest["data"]}
    editors = client.get("/v1/users?role=editor", headers=headers).json()
    assert editors["total"] == 2 and all("editor" in u["roles"] for u in editors["data"])
    by_email = client.get("/v1/users?email=F1@EXAMPLE.COM", headers=headers).json()
    assert [u["email"] for u in by_email["data"]] == ["f1@example.com"]
    by_status = client.get("/v1/users?status=disabled", headers=headers).json()
    assert by_status["total"] == 0
    assert client.get("/v1/users?limit=101", headers=headers).status_code == 400


def test_username_unique_across_platform_email_within_organization(client, tenant, make_tenant):
    other = make_tenant(plan="enterprise", scopes=["admin"])
    assert _new(client, tenant, username="unique.name", email="same@example.com").status_code == 201
    clash = _new(client, other, username="unique.name", email="x@example.com")
    assert clash.status_code == 409 and clash.json()["error"]["code"] == "CONFLICT"
    assert _new(client, other, username="unique.other", email="same@example.com").status_code == 201
    again = _new(client, tenant, username="unique.third", email="SAME@example.com")
    assert again.status_code == 409


def test_granting_admin_needs_an_admin(client, tenant):
    writer, _ = create_key(tenant.organization_id, scopes=["users:write", "users:read"])
    headers = {"X-API-Key": tenant.key}
    before = client.get("/v1/users?limit=100", headers=headers).json()
    response = client.post(
        "/v1/users",
        headers={"X-API-Key": writer},
        json={
            "username": "would.be.admin",
            "email": "wba@example.com",
            "password": "SecurePassword123!",
            "roles": ["admin"],
        },
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "PERMISSION_DENIED"
    after = client.get("/v1/users?limit=100", headers=headers).json()
    assert after == before  # nobody was created
    assert "would.be.admin" not in [u["username"] for u in after["data"]]


def test_missing_scope_for_delete(client, tenant):
    writer, _ = create_key(tenant.organization_id, scopes=["users:write", "users:read"])
    created = _new(client, tenant, username="keep.me", email="keep@example.com")
    assert created.status_code == 201
    user = created.json()["data"]
    response = client.delete(f"/v1/users/{user['id']}", headers={"X-API-Key": writer})
    assert response.status_code == 403
    assert "lacks the scope(s): users:delete" in response.json()["error"]["message"]
    survived = client.get(f"/v1/users/{user['id']}", headers={"X-API-Key": tenant.key})
    assert survived.status_code == 200 and survived.json()["data"] == user


def test_batch_reports_each_item(client, tenant):
    assert _new(client, tenant, username="batch.taken", email="bt@example.com").status_code == 201
    response = client.post(
        "/v1/users/batch",
        headers={"X-API-Key": tenant.key},
        json={
            "users": [
                {
                    "username": "batch.one",
                    "email": "b1@example.com",
                    "password": "SecurePassword123!",
                },
                {
                    "username": "batch.taken",
                    "email": "b2@example.com",
                    "password": "SecurePassword123!",
                },
                {
                    "username": "batch.two",
                    "email": "b3@example.com",
                    "password": "SecurePassword123!",
                },
            ]
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["created"] == 2 and body["failed"] == 1
    assert [item["status"] for item in body["data"]] == [201, 409, 201]
    assert body["data"][1]["error"]["code"] == "CONFLICT"
    listed = client.get("/v1/users?limit=100", headers={"X-API-Key": tenant.key}).json()
    usernames = [u["username"] for u in listed["data"]]
    assert sorted(usernames) == sorted(
        [testdb.user_state(tenant.user_id)["username"], "batch.taken", "batch.one", "batch.two"]
    )


def test_batch_limit_is_100(client, tenant):
    users = [
        {"username": f"many.{i}", "email": f"m{i}@example.com", "password": "SecurePassword123!"}
        for i in range(101)
    ]
    response = client.post(
        "/v1/users/batch", headers={"X-API-Key": tenant.key}, json={"users": users}
    )
    assert response.status_code == 400
    listed = client.get("/v1/users", headers={"X-API-Key": tenant.key}).json()
    assert listed["total"] == 1  # none of the 101 was created


def test_pii_is_encrypted_at_rest(client, tenant):
    created = _new(
        client, tenant, username="pii.user", email="secret.person@example.com", phone="+14155550123"
    )
    assert created.status_code == 201
    user = created.json()["data"]
    with runtime.current().db.engine.connect() as conn:
        row = (
            conn.execute(text("SELECT * FROM users WHERE id = :id"), {"id": user["id"]})
            .mappings()
            .one()
        )
    stored = " ".join(str(v) for v in row.values())
    assert "secret.person@example.com" not in stored and "4155550123" not in stored


def test_password_change_ends_sessions(client, tenant):
    user = _new(client, tenant, username="pw.change", email="pw@example.com").json()["data"]
    login = client.post(
        "/v2/auth/login", json={"username": "pw.change", "password": "SecurePassword123!"}
    )
    assert login.status_code == 200
    tokens = login.json()
    changed = client.patch(
        f"/v1/users/{user['id']}",
        headers={"X-API-Key": tenant.key},
        json={"password": "BrandNewPassword456!"},
    )
    assert changed.status_code == 200
    assert (
        client.post("/v2/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code
        == 401
    )
    assert (
        client.post(
            "/v2/auth/login", json={"username": "pw.change", "password": "BrandNewPassword456!"}
        ).status_code
        == 200
    )
    old = client.post(
        "/v2/auth/login", json={"username": "pw.change", "password": "SecurePassword123!"}
    )
    assert old.status_code == 401


def test_bad_email_names_the_field_without_leaking_the_pattern(client, tenant):
    response = _new(client, tenant, username="bad.email", email="not-an-email")
    assert response.status_code == 400
    detail = response.json()["error"]["details"][0]
    assert detail == {"field": "body.email", "message": "is not in the expected format"}


@pytest.mark.parametrize(
    "email",
    [
        "john@example.com\n",
        "john\n@example.com",
        "a b@example.com",
        ".john@example.com",  # RFC 5322 dot-atom: no dot first, last or twice
        "john.@example.com",
        "jo..hn@example.com",
    ],
)
def test_an_email_outside_the_rule_is_refused(client, tenant, email):
    # The schema's `$` is ECMA-262's end of text: Python's also matched before a final "\n",
    # and the address was stored with it.
    response = _new(client, tenant, username="nl.email", email=email)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["details"][0]["field"] == "body.email"


def test_password_hash_is_upgraded_on_login(client, tenant):
    from argon2 import PasswordHasher

    from charter.identity.passwords import hasher
    from storage.models import User

    user = create_user(tenant.organization_id, username="old.hash")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(
        "correct horse battery staple"
    )
    with runtime.current().db.sync_transaction() as session:
        session.get(User, user.id).password_hash = weak
    assert (
        client.post(
            "/v2/auth/login",
            json={"username": "old.hash", "password": "correct horse battery staple"},
        ).status_code
        == 200
    )
    with runtime.current().db.sync_transaction() as session:
        upgraded = session.get(User, user.id).password_hash
    assert upgraded != weak and not hasher.check_needs_rehash(upgraded)


def test_key_rotation_covers_every_encrypted_column():
    """`charter rotate-pii` must rewrite every `*_enc` column, or dropping the old key after it
    leaves webhook secrets, share emails or OAuth tokens that nothing can read."""
    from charter.identity import pii
    from storage.models import Base

    rotated = {
        (model.__tablename__, column)
        for model, columns in pii.ENCRYPTED_COLUMNS.items()
        for column in columns
    }
    encrypted = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if column.name.endswith("_enc")
    }
    assert encrypted == rotated | pii.ROTATED_ELSEWHERE


def test_pii_key_rotation(client, tenant, monkeypatch):
    from cryptography.fernet import Fernet

    from charter.identity import pii

    settings = runtime.current().settings
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setattr(settings, "encryption_keys", old)
    try:
        created = _new(
            client,
            tenant,
            username="rotated.user",
            email="rotate@example.com",
            phone="+14155550111",
        )
        assert created.status_code == 201
        user = created.json()["data"]
        monkeypatch.setattr(settings, "encryption_keys", f"{new},{old}")
        shown = client.get(f"/v1/users/{user['id']}", headers={"X-API-Key": tenant.key})
        assert shown.json()["data"]["email"] == "rotate@example.com"
        # Every row with an encrypted column is rewritten: count them first (shared database).
        with runtime.current().db.sync_transaction() as session:
            rows = sum(
                session.scalar(select(func.count()).select_from(model))
                for model in pii.ENCRYPTED_COLUMNS
            )
        assert pii.rotate_all() == rows
        monkeypatch.setattr(settings, "encryption_keys", new)  # the old key is gone
        shown = client.get(f"/v1/users/{user['id']}", headers={"X-API-Key": tenant.key})
        assert shown.json()["data"]["email"] == "rotate@example.com"
        assert shown.json()["data"]["phone"] == "+14155550111"
    finally:
        _rotate_back_to_the_configured_key(settings, monkeypatch, new)


def _rotate_back_to_the_configured_key(settings, monkeypatch, new):
    """rotate_all rewrote every row of the shared database under `new`: put them back under the
    run's own primary key, or every later reader (and `charter rotate-pii`) fails."""
    import base64

    from charter.identity import pii
    from charter.platform import crypto

    monkeypatch.undo()
    configured = settings.encryption_keys
    primary = (
        configured.split(",")[0].strip()
        or base64.urlsafe_b64encode(
            crypto._derive(settings.signing_key, "charter:pii:v1")  # the key used without any set
        ).decode()
    )
    monkeypatch.setattr(settings, "encryption_keys", f"{primary},{new},{configured}".rstrip(","))
    pii.rotate_all()
    monkeypatch.undo()


def test_a_user_for_an_organization_deleted_meanwhile_is_404_not_a_duplicate(
    client, make_tenant, caplog
):
    """Another process deletes the organization while this one still has the caller's key
    cached (up to a second): the user's insert breaks its foreign key. That is "organization
    not found" (for each batch item too, the batch answering), not "username taken", and not a
    500 whose log would carry the row's password hash."""
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    assert client.get("/v1/users", headers=headers).status_code == 200  # the key is cached
    with runtime.current().db.sync_transaction() as session:
        session.execute(
            text("DELETE FROM organizations WHERE id = :id"), {"id": tenant.organization_id}
        )
    caplog.set_level(logging.INFO, logger="charter")
    user = {"username": "ghost.one", "email": "g1@example.com", "password": "SecurePassword123!"}
    single = client.post("/v1/users", json=user, headers=headers)
    batch = client.post(
        "/v1/users/batch",
        json={"users": [user | {"username": "ghost.two", "email": "g2@example.com"}]},
        headers=headers,
    )
    assert single.status_code == 404, single.text
    assert single.json()["error"]["message"] == "Organization not found"
    assert batch.status_code == 200, batch.text
    assert [item["status"] for item in batch.json()["data"]] == [404]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    with runtime.current().db.sync_transaction() as session:
        ghosts = session.scalar(text("SELECT count(*) FROM users WHERE username LIKE 'ghost.%'"))
    assert ghosts == 0
