"""Re-encrypt every stored secret and PII value under the newest encryption key.

Rotation: put a new Fernet key first in CHARTER_ENCRYPTION_KEYS (keep the old ones after it),
restart, run `charter rotate-pii`, then drop the old keys.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import select

from charter.platform import crypto, runtime
from storage.models import (
    FileShare,
    OAuthRefreshToken,
    OneTimeCode,
    RefreshToken,
    User,
    WebhookDelivery,
    WebhookEndpoint,
)

_Encrypted = (
    User
    | OneTimeCode
    | RefreshToken
    | OAuthRefreshToken
    | FileShare
    | WebhookEndpoint
    | WebhookDelivery
)
ENCRYPTED_COLUMNS: dict[type[_Encrypted], tuple[str, ...]] = {
    User: ("email_enc", "phone_enc", "totp_secret_enc", "totp_pending_enc"),
    OneTimeCode: ("destination_enc",),
    RefreshToken: ("child_token_enc",),
    OAuthRefreshToken: ("child_token_enc",),
    FileShare: ("email_enc",),
    WebhookEndpoint: ("secret_enc", "previous_secret_enc"),
    WebhookDelivery: ("payload_enc",),
}
# Every other `*_enc` column is rewritten by its own domain: the OAuth signing keys by
# charter.oauth.keys.reencrypt_private_keys (`tests/identity/test_users.py` checks the list).
ROTATED_ELSEWHERE = {("oauth_signing_keys", "private_key_enc")}


def rotate_all(batch: int = 500) -> int:
    """Re-encrypt in batches; returns the number of rows rewritten."""
    rewritten = 0
    for model, columns in ENCRYPTED_COLUMNS.items():
        last_id = ""
        while True:
            with runtime.current().db.sync_transaction() as session:
                rows = session.scalars(
                    select(model).where(model.id > last_id).order_by(model.id).limit(batch)
                ).all()
                for row in rows:
                    for column in columns:
                        setattr(row, column, crypto.rotate(getattr(row, column)))
                rewritten += len(rows)
            if len(rows) < batch:
                break
            # select() of a union of models is typed as the join (Base); the row is one of them.
            last_id = cast(_Encrypted, rows[-1]).id
    return rewritten
