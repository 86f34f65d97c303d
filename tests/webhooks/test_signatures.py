"""Every signature form a delivery carries, checked by a real receiver on 127.0.0.1 with the
verifiers receivers use: seed 001's snippet verbatim, the Standard Webhooks reference algorithm,
seed 000's body member over RFC 8785 canonical JSON; and the payloads of seeds 000 and 004."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from math import floor

import pytest
from sqlalchemy import select

from charter.platform import runtime
from charter.webhooks.signing import canonical
from storage.models import WebhookDelivery
from tests.webhooks.conftest import auth, create_record, deliver, register


# Seed 001, verbatim.
# fmt: off
def verify_signature(payload, signature, secret):
    expected = hmac.new(
        secret.encode(),
        payload.encode(),
        hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(f"sha256={expected}", signature)
# fmt: on


class WebhookVerificationError(Exception):
    pass


class StandardWebhook:
    """The Standard Webhooks reference verifier (standard-webhooks/libraries, python), with
    `from_raw` for a secret whose UTF-8 bytes are the key."""

    def __init__(self, whsecret: str):
        if whsecret.startswith("whsec_"):
            whsecret = whsecret[len("whsec_") :]
        self._whsecret = base64.b64decode(whsecret)

    @classmethod
    def from_raw(cls, key: bytes):
        hook = cls.__new__(cls)
        hook._whsecret = key
        return hook

    def verify(self, data: str, headers: dict[str, str]):
        msg_id = headers.get("webhook-id")
        msg_signature = headers.get("webhook-signature")
        msg_timestamp = headers.get("webhook-timestamp")
        if not (msg_id and msg_timestamp and msg_signature):
            raise WebhookVerificationError("Missing required headers")
        timestamp = self._verify_timestamp(msg_timestamp)
        expected_sig = base64.b64decode(self.sign(msg_id, timestamp, data).split(",")[1])
        for versioned_sig in msg_signature.split(" "):
            version, signature = versioned_sig.split(",")
            if version != "v1":
                continue
            if hmac.compare_digest(expected_sig, base64.b64decode(signature)):
                return json.loads(data)
        raise WebhookVerificationError("No matching signature found")

    def sign(self, msg_id: str, timestamp: datetime, data: str) -> str:
        timestamp_str = str(floor(timestamp.replace(tzinfo=UTC).timestamp()))
        to_sign = f"{msg_id}.{timestamp_str}.{data}".encode()
        signature = hmac.new(self._whsecret, to_sign, hashlib.sha256).digest()
        return f"v1,{base64.b64encode(signature).decode()}"

    @staticmethod
    def _verify_timestamp(timestamp_header: str) -> datetime:
        now = floor(datetime.now(tz=UTC).timestamp())
        timestamp = int(timestamp_header)
        if timestamp < now - 300 or timestamp > now + 300:
            raise WebhookVerificationError("Message timestamp out of tolerance")
        return datetime.fromtimestamp(timestamp, tz=UTC)


def _check_body_member(got, secret: str) -> None:
    payload = got.json
    signature = payload.pop("signature")
    # For this ASCII payload RFC 8785 is sorted keys without whitespace: an independent check.
    plain = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    assert canonical(payload).encode() == plain
    expected = "sha256=" + hmac.new(secret.encode(), plain, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)


@pytest.mark.parametrize("given", [None, "your_webhook_secret"])
def test_every_signature_form_verifies(client, tenant, receiver, given):
    fields = {"secret": given} if given else {}
    created = register(client, tenant, receiver.url, ["record.created"], **fields)
    secret = created["secret"]
    record_id = create_record(client, tenant, "products", {"name": "Widget", "price": 29.99})
    deliver()
    [got] = receiver.received
    body = got.body.decode()
    assert verify_signature(body, got.headers["x-techcorp-signature"], secret)
    assert verify_signature(body, got.headers["x-charter-signature"], secret)
    assert not verify_signature(body, got.headers["x-charter-signature"], secret + "x")
    hook = StandardWebhook(secret) if given is None else StandardWebhook.from_raw(secret.encode())
    assert hook.verify(body, got.headers)["data"]["record_id"] == record_id
    tampered = body.replace("Widget", "Gadget")
    with pytest.raises(WebhookVerificationError):
        hook.verify(tampered, got.headers)
    _check_body_member(got, secret)
    payload = got.json
    assert payload["event"] == "record.created"
    assert payload["data"] == {
        "collection": "products",
        "record_id": record_id,
        "changes": {"name": "Widget", "price": 29.99},
    }
    assert got.headers["webhook-id"] == payload["id"] and payload["id"].startswith("evt_")
    assert payload["timestamp"].endswith("Z")


def test_seed_004_user_payload_and_encryption_at_rest(client, tenant, receiver):
    created = register(client, tenant, receiver.url, ["user.created"])
    response = client.post(
        "/v1/users",
        json={
            "username": "hooked.user",
            "email": "hooked@example.com",
            "password": "x" * 16,
            "roles": ["user"],
        },
        headers=auth(tenant),
    )
    assert response.status_code == 201, response.text
    deliver()
    [got] = receiver.of("user.created")
    data = got.json["data"]
    assert data["user_id"] == response.json()["data"]["id"]
    assert data["email"] == "hooked@example.com"
    assert data["created_at"].endswith("Z")
    with runtime.current().db.sync_transaction() as session:
        rows = session.scalars(
            select(WebhookDelivery).where(WebhookDelivery.endpoint_id == created["id"])
        ).all()
    assert len(rows) == 1 and "hooked@example.com" not in rows[0].payload_enc
    assert StandardWebhook(created["secret"]).verify(got.body.decode(), got.headers)


def test_collections_narrow_record_events_only(client, tenant, receiver):
    register(
        client,
        tenant,
        receiver.url,
        ["record.created", "collection.declared"],
        collections=["orders"],
    )
    create_record(client, tenant, "products")
    order = create_record(client, tenant, "orders")
    declared = client.put("/v2/collections/products", json={"indexes": []}, headers=auth(tenant))
    assert declared.status_code in (200, 201), declared.text
    deliver()
    assert [r.json["data"]["record_id"] for r in receiver.of("record.created")] == [order]
    assert len(receiver.of("collection.declared")) == 1  # not a record event: not narrowed


def test_other_organizations_and_modes_get_nothing(client, tenant, make_tenant, receiver):
    from tests.factories import create_key

    register(client, tenant, receiver.url, ["record.created"])
    other = make_tenant(plan="enterprise", scopes=["admin"])
    create_record(client, other, "products")
    sandbox, _ = create_key(tenant.organization_id, scopes=["admin"], livemode=False)
    created = client.post(
        "/v2/data/products", json={"data": {"n": 1}}, headers={"X-API-Key": sandbox}
    )
    assert created.status_code == 201, created.text
    deliver()
    assert receiver.received == []


@pytest.mark.parametrize(
    "value, text",
    [
        (0, "0"),
        (-0.0, "0"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (333333333.33333329, "333333333.3333333"),
        (1e30, "1e+30"),
        (4.50, "4.5"),
        (2e-3, "0.002"),
        (1e-27, "1e-27"),
        (5e-324, "5e-324"),
        (1e-7, "1e-7"),
        (-1.7976931348623157e308, "-1.7976931348623157e+308"),
        (9007199254740992, "9007199254740992"),
        (295147905179352830000, "295147905179352830000"),
    ],
)
def test_rfc_8785_numbers(value, text):
    assert canonical(value) == text


def test_rfc_8785_ordering_and_strings():
    # RFC 8785 3.2.3: members sorted by UTF-16 code units.
    value = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    assert [json.loads(f'"{k}"') if False else k for k in json.loads(canonical(value))] == [
        "\r",
        "1",
        "\u0080",
        "\u00f6",
        "\u20ac",
        "\U0001f600",
        "\ufb33",
    ]
    assert canonical({"a": '\u2028\x1f"\\/'}) == '{"a":"\u2028\\u001f\\"\\\\/"}'
