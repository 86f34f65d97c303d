"""Organizations end to end: CRUD, who may do what, audit events and outbox events."""

from __future__ import annotations

import logging

from sqlalchemy import text

from charter.platform import runtime
from charter.platform.spec import bundled_spec
from tests import db as testdb


def _audit(organization_id):
    with runtime.current().db.sync_transaction() as session:
        return [
            e.action for e in testdb.list_audit_events(session, organization_id=organization_id)
        ]


def _outbox(organization_id):
    with runtime.current().db.sync_transaction() as session:
        return [
            e.event_type
            for e in testdb.list_outbox(session)
            if e.organization_id == organization_id
        ]


def test_superuser_lifecycle_with_audit_and_outbox(client, make_tenant):
    superuser = make_tenant(plan="unlimited", superuser=True)
    headers = {"X-API-Key": superuser.key}
    created = client.post(
        "/v1/organizations", json={"name": "Acme Corp", "plan": "pro"}, headers=headers
    )
    assert created.status_code == 201
    org = created.json()["data"]
    assert org["id"].startswith("org_") and org["plan"] == "pro"
    assert org["created_at"].endswith("Z")
    assert created.headers["location"] == f"/v1/organizations/{org['id']}"
    path = f"/v1/organizations/{org['id']}"

    assert client.get(path, headers=headers).json()["data"] == org
    patched = client.patch(path, json={"name": "Acme Corporation"}, headers=headers).json()["data"]
    assert patched["name"] == "Acme Corporation" and patched["plan"] == "pro"
    replaced = client.put(
        path, json={"name": "Acme", "plan": "enterprise"}, headers=headers
    ).json()["data"]
    assert replaced["name"] == "Acme" and replaced["plan"] == "enterprise"
    assert client.delete(path, headers=headers).status_code == 204
    assert client.get(path, headers=headers).status_code == 404

    assert sorted(_audit(org["id"])) == sorted(
        [
            "organization.created",
            "organization.updated",
            "organization.updated",
            "organization.deleted",
        ]
    )
    assert _outbox(org["id"]) == [
        "organization.created",
        "organization.updated",
        "organization.updated",
        "organization.deleted",
    ]


def test_put_requires_every_field(client, make_tenant):
    superuser = make_tenant(plan="unlimited", superuser=True)
    headers = {"X-API-Key": superuser.key}
    created = client.post("/v1/organizations", json={"name": "Put Co"}, headers=headers)
    assert created.status_code == 201
    org = created.json()["data"]
    response = client.put(f"/v1/organizations/{org['id']}", json={"name": "x"}, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "body.plan"
    assert client.get(f"/v1/organizations/{org['id']}", headers=headers).json()["data"] == org


def test_patch_needs_at_least_one_field(client, make_tenant):
    tenant = make_tenant(plan="free", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    path = f"/v1/organizations/{tenant.organization_id}"
    before = client.get(path, headers=headers).json()["data"]
    response = client.patch(path, json={}, headers=headers)
    assert response.status_code == 400
    assert client.get(path, headers=headers).json()["data"] == before


def test_admin_edits_own_name_but_not_plan(client, make_tenant):
    tenant = make_tenant(plan="free", scopes=["admin"])
    headers = {"X-API-Key": tenant.key}
    path = f"/v1/organizations/{tenant.organization_id}"
    assert (
        client.patch(path, json={"name": "Renamed"}, headers=headers).json()["data"]["name"]
        == "Renamed"
    )
    renamed = client.get(path, headers=headers).json()["data"]
    upgrade = client.patch(path, json={"plan": "enterprise"}, headers=headers)
    assert upgrade.status_code == 403
    assert upgrade.json()["error"]["code"] == "PERMISSION_DENIED"
    assert client.get(path, headers=headers).json()["data"] == renamed
    both = client.put(path, json={"name": "Both", "plan": "enterprise"}, headers=headers)
    assert both.status_code == 403
    assert client.get(path, headers=headers).json()["data"] == renamed  # not even the name
    same_plan = client.put(path, json={"name": "Renamed", "plan": "free"}, headers=headers)
    assert same_plan.status_code == 200
    assert client.get(path, headers=headers).json()["data"]["plan"] == "free"


def test_only_superusers_create_or_delete(client, make_tenant):
    admin = make_tenant(plan="enterprise", scopes=["admin"])
    headers = {"X-API-Key": admin.key}
    path = f"/v1/organizations/{admin.organization_id}"
    before = client.get(path, headers=headers).json()["data"]
    name = f"Nope {admin.organization_id}"
    created = client.post("/v1/organizations", json={"name": name}, headers=headers)
    assert created.status_code == 403
    assert "superuser" in created.json()["error"]["message"]
    assert testdb.count_organizations(name) == 0
    response = client.delete(path, headers=headers)
    assert response.status_code == 403
    survived = client.get(path, headers=headers)
    assert survived.status_code == 200 and survived.json()["data"] == before
    assert client.get("/v1/users", headers=headers).json()["total"] == 1  # its users too


def test_superuser_cannot_delete_own_organization(client, make_tenant):
    superuser = make_tenant(plan="unlimited", superuser=True)
    headers = {"X-API-Key": superuser.key}
    path = f"/v1/organizations/{superuser.organization_id}"
    before = client.get(path, headers=headers).json()["data"]
    response = client.delete(path, headers=headers)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "CONFLICT"
    assert client.get(path, headers=headers).json()["data"] == before


def test_pagination(client, make_tenant):
    # A superuser lists every organization of the platform: count the ones made here.
    superuser = make_tenant(plan="unlimited", superuser=True)
    headers = {"X-API-Key": superuser.key}
    before = client.get("/v1/organizations?limit=1", headers=headers).json()["total"]
    made = []
    for i in range(3):
        created = client.post("/v1/organizations", json={"name": f"Page {i}"}, headers=headers)
        assert created.status_code == 201
        made.append(created.json()["data"]["id"])
    first = client.get("/v1/organizations?limit=2&offset=0", headers=headers).json()
    second = client.get("/v1/organizations?limit=2&offset=2", headers=headers).json()
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["data"]) == 2
    assert second["offset"] == 2 and len(second["data"]) == 2
    assert first["total"] == second["total"] == before + 3
    assert not {o["id"] for o in first["data"]} & {o["id"] for o in second["data"]}
    # Newest first: the three made here lead the list.
    assert [o["id"] for o in first["data"] + second["data"]][:3] == made[::-1]


def test_operator_creates_an_organization_with_its_first_admin(client, make_tenant):
    from tests.factories import PASSWORD

    operator = {"X-API-Key": make_tenant(plan="unlimited", superuser=True).key}
    other = make_tenant()
    admin = {"username": f"first-{other.key_id[-6:]}", "email": "first@acme.example"}
    created = client.post(
        "/v1/organizations",
        headers=operator,
        json={"name": "Acme", "plan": "pro", "admin": {**admin, "password": PASSWORD}},
    )
    assert created.status_code == 201, created.text
    org = created.json()["data"]
    assert org["admin"]["username"] == admin["username"] and org["admin"]["roles"] == ["admin"]
    assert "password" not in org["admin"]

    login = client.post(
        "/v2/auth/login", json={"username": admin["username"], "password": PASSWORD}
    )
    assert login.status_code == 200
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert client.get(f"/v1/organizations/{org['id']}", headers=bearer).status_code == 200
    foreign = client.get(f"/v1/organizations/{other.organization_id}", headers=bearer)
    assert foreign.status_code == 404  # a tenant admin, not an operator
    assert client.post("/v1/organizations", headers=bearer, json={"name": "x"}).status_code == 403
    users = client.get("/v1/users", headers=bearer).json()["data"]
    assert [u["username"] for u in users] == [admin["username"]]


def test_a_taken_admin_username_creates_no_organization(client, make_tenant):
    from tests.factories import PASSWORD, create_user

    operator = {"X-API-Key": make_tenant(plan="unlimited", superuser=True).key}
    taken = create_user(make_tenant().organization_id).username
    name = f"Never {taken}"
    response = client.post(
        "/v1/organizations",
        headers=operator,
        json={
            "name": name,
            "admin": {"username": taken, "email": "n@example.com", "password": PASSWORD},
        },
    )
    assert response.status_code == 409
    assert testdb.count_organizations(name) == 0


def test_a_tenant_admin_cannot_create_organizations_with_admins(client, make_tenant):
    from tests.factories import PASSWORD

    tenant = {"X-API-Key": make_tenant(scopes=["admin"]).key}
    body = {"name": "Side", "admin": {"username": "side.admin", "email": "s@example.com"}}
    body["admin"]["password"] = PASSWORD
    assert client.post("/v1/organizations", headers=tenant, json=body).status_code == 403
    assert testdb.count_organizations("Side") == 0


def test_a_plan_gone_from_the_database_is_refused_and_nothing_is_written(
    client, make_tenant, caplog
):
    """The spec's plan names are rows the migrations add; one an operator has since removed is
    an unknown plan (422 on body.plan; on PostgreSQL the organization's foreign key answers at
    the write itself, with no lookup before it), with or without a first admin or an
    Idempotency-Key (whose stage renders it, logging no error: it is the client's), and nothing
    is written."""
    headers = {"X-API-Key": make_tenant(plan="unlimited", superuser=True).key}
    db = runtime.current().db
    with db.sync_transaction() as session:
        used = set(session.scalars(text("SELECT DISTINCT plan FROM organizations")))
        spec_plans = bundled_spec("v1")["components"]["schemas"]["PlanName"]["enum"]
        name = next(plan for plan in reversed(spec_plans) if plan not in used)
        row = dict(
            session.execute(text("SELECT * FROM plans WHERE name = :n"), {"n": name}).one()._mapping
        )
        session.execute(text("DELETE FROM plans WHERE name = :n"), {"n": name})
    try:
        before = client.get("/v1/organizations?limit=1", headers=headers).json()["total"]
        admin = {
            "username": "gone-plan-admin",
            "email": "gone@example.com",
            "password": "correct horse battery",
        }
        caplog.set_level(logging.INFO, logger="charter")
        for body, extra in (
            ({"name": "Gone Plan Co", "plan": name}, {}),
            ({"name": "Gone Plan Co", "plan": name, "admin": admin}, {}),
            ({"name": "Gone Plan Co", "plan": name}, {"Idempotency-Key": "gone-plan-1"}),
        ):
            response = client.post("/v1/organizations", json=body, headers=headers | extra)
            assert response.status_code == 422, response.text
            assert response.json()["error"]["details"][0]["field"] == "body.plan"
            assert (
                client.get("/v1/organizations?limit=1", headers=headers).json()["total"] == before
            )
        with db.sync_transaction() as session:
            users = session.scalar(
                text("SELECT count(*) FROM users WHERE username = 'gone-plan-admin'")
            )
        assert users == 0
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    finally:
        with db.sync_transaction() as session:
            columns = ", ".join(row)
            values = ", ".join(f":{column}" for column in row)
            session.execute(text(f"INSERT INTO plans ({columns}) VALUES ({values})"), row)  # noqa: S608
