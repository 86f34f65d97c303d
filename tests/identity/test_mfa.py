"""MFA and one-time codes: TOTP enrolment, recovery codes, /v1/auth/verify, /v1/otp/send."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pyotp
import pytest

from charter.platform import runtime
from tests.factories import create_key, create_user, sent_message

PASSWORD = "correct horse battery staple"


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


@pytest.fixture
def member(client, tenant):
    """A user logged in (only their own access token may manage their authenticator)."""
    user = create_user(tenant.organization_id, roles=["user"], phone="+14155550199")
    token = client.post(
        "/v2/auth/login", json={"username": user.username, "password": PASSWORD}
    ).json()
    return user, {"Authorization": f"Bearer {token['access_token']}"}


def _next_code(secret: str) -> str:
    """A code for the next time step, so it is not a replay of one already used."""
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + totp.interval)


def _enable_totp(client, user, headers):
    secret = client.post(f"/v1/users/{user.id}/mfa/totp", headers=headers).json()["data"]["secret"]
    confirmed = client.post(
        f"/v1/users/{user.id}/mfa/totp/confirm",
        headers=headers,
        json={"code": pyotp.TOTP(secret).now()},
    )
    assert confirmed.status_code == 200
    return secret, confirmed.json()["data"]["recovery_codes"]


def test_totp_enrolment_confirm_and_disable(client, member):
    user, headers = member
    started = client.post(f"/v1/users/{user.id}/mfa/totp", headers=headers).json()["data"]
    assert started["otpauth_uri"].startswith("otpauth://totp/Charter:")
    wrong = client.post(
        f"/v1/users/{user.id}/mfa/totp/confirm", headers=headers, json={"code": "000000"}
    )
    if pyotp.TOTP(started["secret"]).verify("000000"):
        pytest.skip("the random secret's current code is 000000")
    assert wrong.status_code == 422
    confirmed = client.post(
        f"/v1/users/{user.id}/mfa/totp/confirm",
        headers=headers,
        json={"code": pyotp.TOTP(started["secret"]).now()},
    ).json()["data"]
    assert confirmed["enabled"] is True and len(confirmed["recovery_codes"]) == 10
    assert client.get(f"/v1/users/{user.id}", headers=headers).json()["data"]["mfa_enabled"] is True
    again = client.post(f"/v1/users/{user.id}/mfa/totp", headers=headers)
    assert again.status_code == 409
    disabled = client.post(
        f"/v1/users/{user.id}/mfa/totp/disable",
        headers=headers,
        json={"code": confirmed["recovery_codes"][0]},
    )
    assert disabled.status_code == 200 and disabled.json()["data"]["enabled"] is False


def test_only_the_user_manages_their_authenticator(client, tenant, member):
    user, _ = member
    response = client.post(f"/v1/users/{user.id}/mfa/totp", headers={"X-API-Key": tenant.key})
    assert response.status_code == 403
    own_key, _ = create_key(tenant.organization_id, user_id=user.id, scopes=["users:write"])
    by_key = client.post(f"/v1/users/{user.id}/mfa/totp", headers={"X-API-Key": own_key})
    assert by_key.status_code == 403  # a key is not the user's session


def test_wrong_code_to_disable_counts_toward_lockout(client, member, monkeypatch):
    from storage.models import User

    user, headers = member
    _enable_totp(client, user, headers)
    monkeypatch.setattr(runtime.current().settings, "lockout_threshold", 2)
    for _ in range(2):
        wrong = client.post(
            f"/v1/users/{user.id}/mfa/totp/disable", headers=headers, json={"code": "zzzzz-zzzzz"}
        )
        assert wrong.status_code == 422
    with runtime.current().db.sync_transaction() as session:
        assert session.get(User, user.id).locked_until is not None


def test_recovery_codes_are_single_use_at_login(client, member):
    user, headers = member
    _, codes = _enable_totp(client, user, headers)
    first = client.post(
        "/v2/auth/login",
        json={"username": user.username, "password": PASSWORD, "mfa_code": codes[0]},
    )
    assert first.status_code == 200
    again = client.post(
        "/v2/auth/login",
        json={"username": user.username, "password": PASSWORD, "mfa_code": codes[0]},
    )
    assert again.status_code == 401


def test_seed_verify_totp_and_replay(client, tenant, member):
    user, headers = member
    secret, _ = _enable_totp(client, user, headers)
    code = _next_code(secret)
    body = {"user_id": user.id, "method": "totp", "code": code}
    first = client.post("/v1/auth/verify", headers={"X-API-Key": tenant.key}, json=body)
    assert first.status_code == 200
    result = first.json()
    assert (
        result["verified"] is True
        and result["user_id"] == user.id
        and result["timestamp"].endswith("Z")
    )
    replay = client.post("/v1/auth/verify", headers={"X-API-Key": tenant.key}, json=body).json()
    assert replay["verified"] is False


def test_verify_totp_without_enrolment_is_409(client, tenant):
    user = create_user(tenant.organization_id)
    response = client.post(
        "/v1/auth/verify",
        headers={"X-API-Key": tenant.key},
        json={"user_id": user.id, "method": "totp", "code": "123456"},
    )
    assert response.status_code == 409


def test_seed_otp_send_and_verify_by_sms(client, tenant, member):
    user, _ = member
    headers = {"X-API-Key": tenant.key}
    sent = client.post(
        "/v1/otp/send",
        headers=headers,
        json={"user_id": user.id, "method": "sms", "phone": "+1234567890"},
    )
    assert sent.status_code == 202
    assert sent.json()["destination"] == "***7890" and sent.json()["method"] == "sms"
    message = sent_message(user.id, method="sms")
    assert message["destination"] == "+1234567890" and len(message["code"]) == 6
    wrong = "000000" if message["code"] != "000000" else "111111"
    assert (
        client.post(
            "/v1/auth/verify",
            headers=headers,
            json={"user_id": user.id, "method": "sms", "code": wrong},
        ).json()["verified"]
        is False
    )
    ok = client.post(
        "/v1/auth/verify",
        headers=headers,
        json={"user_id": user.id, "method": "sms", "code": message["code"]},
    ).json()
    assert ok["verified"] is True
    reused = client.post(
        "/v1/auth/verify",
        headers=headers,
        json={"user_id": user.id, "method": "sms", "code": message["code"]},
    ).json()
    assert reused["verified"] is False


def test_otp_uses_stored_destination_and_is_limited_in_attempts(
    client, tenant, member, monkeypatch
):
    user, _ = member
    headers = {"X-API-Key": tenant.key}
    monkeypatch.setattr(runtime.current().settings, "otp_max_attempts", 2)
    sent = client.post("/v1/otp/send", headers=headers, json={"user_id": user.id, "method": "sms"})
    assert sent.status_code == 202 and sent.json()["destination"] == "***0199"
    message = sent_message(user.id, method="sms")
    assert message["destination"] == "+14155550199"
    wrong = "000000" if message["code"] != "000000" else "111111"
    for _ in range(2):
        refused = client.post(
            "/v1/auth/verify",
            headers=headers,
            json={"user_id": user.id, "method": "sms", "code": wrong},
        )
        assert refused.status_code == 200 and refused.json()["verified"] is False
    late = client.post(
        "/v1/auth/verify",
        headers=headers,
        json={"user_id": user.id, "method": "sms", "code": message["code"]},
    )
    assert late.json()["verified"] is False


def test_otp_codes_expire(client, tenant, member, clock):
    user, _ = member
    headers = {"X-API-Key": tenant.key}
    sent = client.post(
        "/v1/otp/send",
        headers=headers,
        json={"user_id": user.id, "method": "email", "email": "me@example.com"},
    )
    assert sent.status_code == 202
    code = sent_message(user.id, method="email", destination="me@example.com")["code"]
    clock.advance(runtime.current().settings.otp_ttl_seconds + 1)
    result = client.post(
        "/v1/auth/verify",
        headers=headers,
        json={"user_id": user.id, "method": "email", "code": code},
    ).json()
    assert result["verified"] is False


def test_otp_needs_a_destination(client, tenant):
    user = create_user(tenant.organization_id)
    response = client.post(
        "/v1/otp/send",
        headers={"X-API-Key": tenant.key},
        json={"user_id": user.id, "method": "sms"},
    )
    assert (
        response.status_code == 422
        and response.json()["error"]["details"][0]["field"] == "body.phone"
    )


class _Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Receiver.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_webhook_sender_posts_a_signed_message(client, tenant, member, monkeypatch):
    user, _ = member
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "otp_sender", "webhook")
    monkeypatch.setattr(settings, "otp_webhook_url", f"http://127.0.0.1:{server.server_port}/otp")
    monkeypatch.setattr(settings, "otp_webhook_secret", "bridge-secret-0123456789")
    monkeypatch.setattr(settings, "allow_private_outbound", True)
    _Receiver.received.clear()
    try:
        response = client.post(
            "/v1/otp/send",
            headers={"X-API-Key": tenant.key},
            json={"user_id": user.id, "method": "sms"},
        )
    finally:
        server.shutdown()
    assert response.status_code == 202
    assert len(_Receiver.received) == 1
    headers, body = _Receiver.received[0]
    assert json.loads(body)["user_id"] == user.id
    expected = hmac.new(b"bridge-secret-0123456789", body, hashlib.sha256).hexdigest()
    assert headers["X-Charter-Signature"] == f"sha256={expected}"
    assert json.loads(body)["destination"] == "+14155550199"


def test_webhook_sender_refuses_internal_addresses(client, tenant, member, monkeypatch):
    user, _ = member
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "otp_sender", "webhook")
    monkeypatch.setattr(settings, "otp_webhook_url", "http://127.0.0.1:9/otp")
    response = client.post(
        "/v1/otp/send",
        headers={"X-API-Key": tenant.key},
        json={"user_id": user.id, "method": "sms"},
    )
    assert response.status_code == 422
    assert "private or internal" in response.json()["error"]["message"]


def test_unreachable_sender_is_503(client, tenant, member, monkeypatch):
    user, _ = member
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "otp_sender", "webhook")
    monkeypatch.setattr(settings, "otp_webhook_url", "http://127.0.0.1:9/otp")  # nothing listens
    monkeypatch.setattr(settings, "allow_private_outbound", True)
    response = client.post(
        "/v1/otp/send",
        headers={"X-API-Key": tenant.key},
        json={"user_id": user.id, "method": "sms"},
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "SERVICE_UNAVAILABLE"


def test_webhook_connects_to_the_address_it_checked(client, tenant, member, monkeypatch):
    import socket

    user, _ = member
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    real = socket.getaddrinfo
    lookups = []

    def fake_dns(host, *args, **kwargs):
        if host == "bridge.example.test":
            lookups.append(host)
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_dns)
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "otp_sender", "webhook")
    monkeypatch.setattr(
        settings, "otp_webhook_url", f"http://bridge.example.test:{server.server_port}/otp"
    )
    monkeypatch.setattr(settings, "otp_webhook_secret", "bridge-secret-0123456789")
    monkeypatch.setattr(settings, "allow_private_outbound", True)
    _Receiver.received.clear()
    try:
        response = client.post(
            "/v1/otp/send",
            headers={"X-API-Key": tenant.key},
            json={"user_id": user.id, "method": "sms"},
        )
    finally:
        server.shutdown()
    assert response.status_code == 202
    assert lookups == ["bridge.example.test"]  # resolved once: the checked address is the one used
    assert len(_Receiver.received) == 1
    headers, body = _Receiver.received[0]
    assert json.loads(body)["user_id"] == user.id
    assert headers["Host"] == f"bridge.example.test:{server.server_port}"
