"""No principal of one organization reads or changes another's resources: every operation of the
v1, v2 and ingestion specs that takes an id is called with a foreign id and must answer 404."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from charter.platform import runtime
from charter.platform.spec import HTTP_METHODS, SURFACES, bundled_spec
from storage.models import AuditEvent, OneTimeCode, Organization, Record, WebhookEndpoint
from tests import db as testdb
from tests.factories import create_key, create_record, create_user, record_event
from tests.files.factories import create_file, create_share
from tests.oauth.factories import create_oauth_client
from tests.webhooks.factories import create_webhook

BODIES = {
    # A valid body per operation, so the call reaches the tenancy rule instead of validation.
    "replace_organization": {"name": "Hijack", "plan": "free"},
    "update_organization": {"name": "Hijack"},
    "replace_user": {
        "username": "hijacked.user",
        "email": "h@example.com",
        "roles": ["user"],
        "status": "active",
    },
    "update_user": {"status": "disabled"},
    "share_file": {"email": "thief@example.com"},
    "create_file_url": {"expires_in": 60},
    "confirm_totp": {"code": "123456"},
    "disable_totp": {"code": "123456"},
    "update_key": {"name": "hijack"},
    "replace_key": {"name": "hijack", "scopes": ["users:read"]},
    "roll_key": {"grace_seconds": 0},
    "replace_record": {"data": {"hijacked": True}},
    "update_record": {"data": {"hijacked": True}},
    "replace_data": {"hijacked": True},
    "update_data": {"hijacked": True},
    "declare_collection": {"indexes": []},
    "update_webhook": {"events": ["user.created"]},
    "rotate_webhook_secret": {"overlap_seconds": 0},
    "update_oauth_client": {"name": "hijack"},
    "rotate_oauth_client_secret": {"overlap_seconds": 0},
}


# Operations on a collection name (a per-tenant namespace, not an id): they act on the caller's
# own records; batch-delete with a victim's record ids is tested below.
COLLECTION_PATHS = (
    "/data/{collection}",
    "/data/{collection}/batch",
    "/data/{collection}/batch-delete",
)


@pytest.fixture(scope="module")
def victim(make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    user = create_user(tenant.organization_id)
    webhook = create_webhook(tenant.organization_id)  # webhook_id, delivery_id
    return {
        "organization_id": tenant.organization_id,
        "user_id": user.id,
        "key_id": tenant.key_id,
        "event_id": record_event(tenant.organization_id),
        # Data: a collection name is a per-tenant namespace, not an id; its records are.
        "collection": "victim_things",
        "name": "victim_things",  # /v2/collections/{name}: GET and DELETE answer 404
        "record_id": create_record(tenant.organization_id, "victim_things"),
        "v1_record_id": create_record(tenant.organization_id, "default"),
        "state": _state(tenant.organization_id, user.id, tenant.key_id, webhook["webhook_id"]),
        **webhook,
        **_file_and_share(tenant.organization_id),
        **create_oauth_client(tenant.organization_id),  # client_id
    }


def _file_and_share(organization_id):
    file_id = create_file(organization_id)
    share_id, _ = create_share(organization_id, file_id)
    return {"file_id": file_id, "share_id": share_id}


def _state(organization_id, user_id, key_id, webhook_id):
    """Everything an attacker's call could change about the victim."""
    with runtime.current().db.sync_transaction() as session:
        org = session.get(Organization, organization_id)
        organization = (org.name, org.plan)
        hook = session.get(WebhookEndpoint, webhook_id)
        webhook = hook and (hook.url, hook.events, hook.status, hook.secret_enc)
    return {
        "organization": organization,
        "webhook": webhook,
        "user": testdb.user_state(user_id),
        "key": testdb.key_state(key_id),
        "keys": testdb.count_keys(organization_id),
    }


@pytest.fixture(scope="module")
def attacker(make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    own_user = create_user(tenant.organization_id)
    key, _ = create_key(tenant.organization_id, user_id=own_user.id, scopes=["admin"])
    return key


@pytest.fixture(scope="module")
def personal_attacker(make_tenant):
    """The attacker's own personal key, for operations only a user's own credential may call."""
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    own_user = create_user(tenant.organization_id)
    key, _ = create_key(
        tenant.organization_id, user_id=own_user.id, scopes=["grants:write"], personal=True
    )
    return key


# Operations on what belongs to the calling user, which only their own credential may call.
PERSONAL = {"revoke_oauth_grant"}


def _operations_with_ids():
    for surface in ("v1", "v2", "ingestion"):
        spec = bundled_spec(surface)
        for path, item in spec["paths"].items():
            if "{" not in path or path in COLLECTION_PATHS:
                continue  # the collection's own namespace: see the data tests
            if path.startswith(("/shares/{token}", "/downloads/{token}")):
                continue  # the token is the credential, not an id: see tests/files
            for method in HTTP_METHODS:
                if path == "/collections/{name}" and method == "put":
                    continue  # declares the caller's own collection: see tests/data
                if method in item:
                    yield surface, method, path, item[method]["operationId"]


CASES = list(_operations_with_ids())


def test_the_walk_covers_every_id_taking_operation():
    assert len(CASES) >= 15


@pytest.mark.parametrize("surface,method,path,operation_id", CASES, ids=[c[3] for c in CASES])
def test_foreign_id_answers_404(
    client, victim, attacker, personal_attacker, surface, method, path, operation_id
):
    ids = dict(victim, record_id=victim["v1_record_id"]) if surface == "v1" else victim
    url = SURFACES[surface] + path.format(**ids)
    body = BODIES.get(operation_id)
    key = personal_attacker if operation_id in PERSONAL else attacker
    response = client.request(method.upper(), url, headers={"X-API-Key": key}, json=body)
    assert response.status_code == 404, (operation_id, response.status_code, response.text)
    state = _state(*(victim[k] for k in ("organization_id", "user_id", "key_id", "webhook_id")))
    assert state == victim["state"], operation_id
    with runtime.current().db.sync_transaction() as session:
        assert session.get(AuditEvent, victim["event_id"]) is not None


def test_foreign_record_ids_in_a_batch_delete_are_not_found(client, victim, attacker):
    url = f"/v2/data/{victim['collection']}/batch-delete"
    body = {"ids": [victim["record_id"], victim["v1_record_id"]]}
    response = client.post(url, headers={"X-API-Key": attacker}, json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {"deleted": 0, "deleted_ids": [], "not_found": body["ids"]}
    with runtime.current().db.sync_transaction() as session:
        assert session.get(Record, victim["record_id"]) is not None


def test_foreign_user_id_in_bodies_answers_404(client, victim, attacker):
    for path, body in (
        ("/v1/auth/verify", {"user_id": victim["user_id"], "method": "sms", "code": "123456"}),
        ("/v1/otp/send", {"user_id": victim["user_id"], "method": "sms", "phone": "+14155550100"}),
    ):
        response = client.post(path, headers={"X-API-Key": attacker}, json=body)
        assert response.status_code == 404, path
    state = _state(*(victim[k] for k in ("organization_id", "user_id", "key_id", "webhook_id")))
    assert state == victim["state"]
    with runtime.current().db.sync_transaction() as session:
        sent = session.scalars(select(OneTimeCode).where(OneTimeCode.user_id == victim["user_id"]))
        assert sent.all() == []  # no code was issued for the victim


def test_audit_and_lists_show_only_own_organization(client, victim, attacker):
    events = client.get("/v1/audit?limit=100", headers={"X-API-Key": attacker}).json()["data"]
    assert all(e["organization_id"] != victim["organization_id"] for e in events)
    users = client.get("/v1/users?limit=100", headers={"X-API-Key": attacker}).json()["data"]
    assert victim["user_id"] not in [u["id"] for u in users]
    keys = client.get("/v1/keys?limit=100", headers={"X-API-Key": attacker}).json()["data"]
    assert victim["key_id"] not in [k["id"] for k in keys]


def test_event_stream_neither_shows_nor_resumes_from_another_organizations_events(
    client, victim, attacker
):
    """GET /v2/events names no id in its path: the victim's events never reach the attacker's
    stream, and the victim's event id as Last-Event-ID is refused exactly like an unknown id."""
    from charter.platform.clock import new_id, utcnow
    from storage.models import OutboxEvent

    start = client.get("/v2/events?max_wait=0", headers={"X-API-Key": attacker})
    assert start.status_code == 200, start.text
    marker = [line for line in start.text.splitlines() if line.startswith("id: ")][-1][4:]
    victim_event = new_id("evt")
    with runtime.current().db.sync_transaction() as session:
        payload = {"collection": "victim_things", "record_id": victim["record_id"], "changes": {}}
        session.add(
            OutboxEvent(
                event_id=victim_event,
                organization_id=victim["organization_id"],
                livemode=True,
                event_type="record.created",
                payload=payload,
                created_at=utcnow(),
                published_at=None,
            )
        )
    headers = {"X-API-Key": attacker, "Last-Event-ID": marker}
    stream = client.get("/v2/events?max_wait=0", headers=headers)
    assert stream.status_code == 200 and victim_event not in stream.text
    assert victim["record_id"] not in stream.text
    answers = []
    for last_id in (victim_event, new_id("evt")):
        headers = {"X-API-Key": attacker, "Last-Event-ID": last_id}
        response = client.get("/v2/events?max_wait=0", headers=headers)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        answers.append((error["code"], error["details"]["field"], error["message"].split("': ")[1]))
    assert answers[0] == answers[1]  # the same refusal: the victim's event is not revealed
