"""v2 authentication (seed 000): bare resources, the seed's error codes."""

from datetime import timedelta

from charter.http.context import credential, current_actor
from charter.http.responses import json, no_content
from charter.http.uow import raise_if_error, read, transaction
from charter.identity import keys, sessions
from charter.platform.clock import utcnow


async def log_in(body):
    async with read() as session:  # the slow password check holds no write lock
        check = await sessions.check_password(session, body["username"], body["password"])
    async with transaction() as session:
        outcome = await sessions.attempt_login(
            session,
            current_actor(),
            check,
            remember_me=body.get("remember_me", False),
            device_id=body.get("device_id"),
            mfa_code=body.get("mfa_code"),
        )
    return json(raise_if_error(outcome))  # failed attempts are committed, then answered


async def refresh_session(body):
    async with transaction() as session:
        outcome = await sessions.attempt_refresh(session, current_actor(), body["refresh_token"])
    return json(raise_if_error(outcome))


async def log_out():
    async with transaction() as session:
        await sessions.logout(session, current_actor(), credential())
    return no_content()


async def create_api_key(body):
    days = body.get("expires_in_days")
    async with transaction() as session:
        key, secret = await keys.create(
            session,
            current_actor(),
            name=body["name"],
            scopes=body["permissions"],
            expires_at=utcnow() + timedelta(days=days) if days else None,
            for_caller=True,
        )
    body = {
        "key_id": key["id"],
        "api_key": secret,
        "name": key["name"],
        "permissions": key["scopes"],
        "expires_at": key["expires_at"],
    }
    return json(body, 201)
