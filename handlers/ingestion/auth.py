"""Ingestion API login (seed 003) in the ingestion envelope."""

from charter import auth
from charter.context import current_actor
from handlers.common import ingestion_envelope


def log_in(body):
    tokens = auth.login(
        current_actor(),
        username=body["username"],
        password=body["password"],
        mfa_code=body.get("mfa_code"),
    )
    data = {k: tokens[k] for k in ("access_token", "refresh_token", "token_type", "expires_in")}
    return ingestion_envelope(data, "Login successful")
