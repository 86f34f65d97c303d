"""Secrets at rest and signing keys.

PII (email addresses, phone numbers, TOTP secrets) is stored encrypted with Fernet (AES-128-CBC +
HMAC-SHA256) under a MultiFernet, so a new key can be put in front and old ciphertexts still
decrypt until re-encrypted. Lookups on encrypted values use a keyed blind index (HMAC-SHA256).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache
from typing import overload

from cryptography.fernet import Fernet, MultiFernet

from charter.platform import runtime


def _derive(secret: str, purpose: str) -> bytes:
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).digest()


@lru_cache(maxsize=4)
def _fernet(keys: str, secret: str) -> MultiFernet:
    # The key derived from the secret key stays last, for reading values written before
    # CHARTER_ENCRYPTION_KEYS was first set.
    derived = Fernet(base64.urlsafe_b64encode(_derive(secret, "charter:pii:v1")))
    explicit = [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()]
    return MultiFernet([*explicit, derived])


def _cipher() -> MultiFernet:
    settings = runtime.current().settings
    return _fernet(settings.encryption_keys, settings.signing_key)


@overload
def encrypt(value: str) -> str: ...
@overload
def encrypt(value: None) -> None: ...
def encrypt(value: str | None) -> str | None:
    if value is None:
        return None
    return _cipher().encrypt(value.encode()).decode()


@overload
def decrypt(token: str) -> str: ...
@overload
def decrypt(token: None) -> None: ...
def decrypt(token: str | None) -> str | None:
    if token is None:
        return None
    return _cipher().decrypt(token.encode()).decode()


def encrypt_bytes(value: bytes) -> bytes:
    """Encrypt a blob (a stored response) under the newest key."""
    return _cipher().encrypt(value)


def decrypt_bytes(token: bytes) -> bytes:
    """Raises cryptography.fernet.InvalidToken for anything not encrypted by encrypt_bytes."""
    return _cipher().decrypt(token)


@overload
def rotate(token: str) -> str: ...
@overload
def rotate(token: None) -> None: ...
def rotate(token: str | None) -> str | None:
    """Re-encrypt under the newest key."""
    return None if token is None else _cipher().rotate(token.encode()).decode()


def blind_index(value: str) -> str:
    """Deterministic keyed hash for equality lookups on an encrypted value."""
    key = _derive(runtime.current().settings.signing_key, "charter:blind-index:v1")
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


def keyed_hash(value: str, purpose: str) -> str:
    """HMAC of a short secret (recovery codes, OTPs) so a database leak does not reveal them."""
    key = _derive(runtime.current().settings.signing_key, f"charter:{purpose}:v1")
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def keyed_digest(purpose: str) -> hmac.HMAC:
    """An HMAC-SHA256 under a key derived for `purpose`, to feed in parts (request fingerprints:
    a body holding a password must not be testable offline against a bare SHA-256)."""
    key = _derive(runtime.current().settings.signing_key, f"charter:{purpose}:v1")
    return hmac.new(key, digestmod=hashlib.sha256)


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def jwt_keys() -> tuple[str, dict[str, str]]:
    """(signing kid, kid -> key) for HS256 access tokens; every listed key verifies."""
    settings = runtime.current().settings
    keys = [k.strip() for k in settings.jwt_keys.split(",") if k.strip()] or [
        _derive(settings.signing_key, "charter:jwt:v1").hex()
    ]
    table = {hashlib.sha256(k.encode()).hexdigest()[:12]: k for k in keys}
    return next(iter(table)), table
