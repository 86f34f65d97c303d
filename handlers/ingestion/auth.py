"""Ingestion API login (seed 003) in the ingestion envelope."""

from charter.http.context import current_actor
from charter.http.responses import ingestion_envelope
from charter.http.uow import raise_if_error, read, transaction
from charter.identity import sessions

TOKEN_FIELDS = ("access_token", "refresh_token", "token_type", "expires_in")


async def log_in(body):
    async with read() as session:  # the slow password check holds no write lock
        check = await sessions.check_password(session, body["username"], body["password"])
    async with transaction() as session:
        outcome = await sessions.attempt_login(
            session,
            current_actor(),
            check,
            mfa_code=body.get("mfa_code"),
        )
    tokens = raise_if_error(outcome)
    return ingestion_envelope({k: tokens[k] for k in TOKEN_FIELDS}, "Login successful")
