"""v2 authentication (seed 000): bare resources, the seed's error codes."""

from datetime import timedelta

from flask import request

from charter import auth, keys
from charter.clock import utcnow
from charter.context import current_actor
from handlers.common import json, no_content


def log_in(body):
    tokens = auth.login(
        current_actor(),
        username=body["username"],
        password=body["password"],
        remember_me=body.get("remember_me", False),
        device_id=body.get("device_id"),
        mfa_code=body.get("mfa_code"),
    )
    return json(tokens)


def refresh_session(body):
    return json(auth.refresh(current_actor(), body["refresh_token"]))


def log_out():
    token = request.headers.get("Authorization", "").partition(" ")[2].strip()
    auth.logout(current_actor(), token)
    return no_content()


def create_api_key(body):
    days = body.get("expires_in_days")
    key, secret = keys.create(
        current_actor(),
        name=body["name"],
        scopes=body["permissions"],
        expires_at=utcnow() + timedelta(days=days) if days else None,
    )
    return json(
        {
            "key_id": key["id"],
            "api_key": secret,
            "name": key["name"],
            "permissions": key["scopes"],
            "expires_at": key["expires_at"],
        },
        201,
    )
