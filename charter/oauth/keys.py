"""RS256 signing keys: the newest key signs access and ID tokens, every key still in the set
verifies, and the set is published as a JWKS (`/oauth/jwks.json`) so resource servers verify
tokens offline.

Private keys are encrypted at rest (charter.platform.crypto). A rotation adds a key and retires
the others; a retired key stays published (and verifies) for `RETIRED_KEY_SECONDS`, longer than
any token it signed lives. Each process keeps the set in memory for `CACHE_SECONDS` and reloads
it early when a token names a `kid` it does not know (at most once a second), so a key made by
another process is picked up at once.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from charter.platform import crypto, runtime
from charter.platform.clock import new_id, utcnow
from storage.models import OAuthSigningKey
from storage.repositories import oauth as repo
from storage.repositories.common import add

ALGORITHM = "RS256"
RETIRED_KEY_SECONDS = 2 * 86400
CACHE_SECONDS = 60.0
RELOAD_INTERVAL = 1.0


@dataclass(frozen=True)
class KeySet:
    signing_kid: str | None
    public: dict[str, Any]  # kid -> RSAPublicKey
    jwks: list[dict[str, Any]]
    private_enc: dict[str, str]  # kid -> encrypted PEM (decrypted when it signs)
    loaded_at: float


_cache: dict[str, Any] = {"set": None, "private": {}}
# One lock per event loop (an asyncio lock belongs to the loop that first waits on it).
_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _lock() -> asyncio.Lock:
    return _locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())


def _new_key() -> OAuthSigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    kid = new_id("rsa")
    jwk = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)
    jwk.update(kid=kid, alg=ALGORITHM, use="sig")
    return OAuthSigningKey(
        kid=kid,
        algorithm=ALGORITHM,
        private_key_enc=crypto.encrypt(pem),
        public_jwk=jwk,
        created_at=utcnow(),
        retired_at=None,
    )


async def _load() -> KeySet:
    db = runtime.current().db
    cutoff = utcnow() - timedelta(seconds=RETIRED_KEY_SECONDS)
    async with db.read() as session:
        rows = await repo.list_signing_keys(session, retired_after=cutoff)
    signing = next((row.kid for row in rows if row.retired_at is None), None)
    return KeySet(
        signing_kid=signing,
        public={row.kid: RSAAlgorithm.from_jwk(row.public_jwk) for row in rows},
        jwks=[dict(row.public_jwk) for row in rows],
        private_enc={row.kid: row.private_key_enc for row in rows if row.retired_at is None},
        loaded_at=time.monotonic(),
    )


async def key_set(*, unknown_kid: str | None = None) -> KeySet:
    """The published keys, from memory when fresh; reloaded when `unknown_kid` is not in it."""
    current: KeySet | None = _cache["set"]
    now = time.monotonic()
    if current is not None and now - current.loaded_at < CACHE_SECONDS:
        if unknown_kid is None or unknown_kid in current.public:
            return current
        if now - current.loaded_at < RELOAD_INTERVAL:
            return current
    async with _lock():
        if _cache["set"] is current:
            _cache["set"] = await _load()
    result: KeySet = _cache["set"]
    return result


async def signing_key() -> tuple[str, Any]:
    """(kid, private key) of the key that signs now; the first one is made on first use."""
    keys = await key_set()
    if keys.signing_kid is None:
        async with _lock():
            keys = await _load()
            if keys.signing_kid is None:
                await rotate()
                keys = await _load()
            _cache["set"] = keys
    kid = keys.signing_kid
    assert kid is not None
    private = _cache["private"].get(kid)
    if private is None:
        pem = crypto.decrypt(keys.private_enc[kid]).encode()
        private = serialization.load_pem_private_key(pem, password=None)
        _cache["private"] = {kid: private}
    return kid, private


async def rotate() -> str:
    """Add a new signing key and retire the others (they keep verifying for a while)."""
    row = _new_key()
    async with runtime.current().db.transaction() as session:
        await add(session, row)
        await session.flush()
        await repo.retire_signing_keys(session, now=utcnow(), keep=row.kid)
    _cache["set"] = None
    return row.kid


async def jwks() -> dict[str, Any]:
    """The JSON Web Key Set (RFC 7517) of every key that verifies."""
    await signing_key()  # publish a key before any token needs it
    return {"keys": (await key_set()).jwks}


async def public_key(kid: str) -> Any | None:
    """The verification key named `kid`, from Charter's own set only (None if unknown)."""
    keys = await key_set(unknown_kid=kid)
    return keys.public.get(kid)


def forget() -> None:
    """Drop the in-process copy (tests that change keys in the database)."""
    _cache["set"] = None
    _cache["private"] = {}


def reencrypt_private_keys() -> int:
    """Re-encrypt every stored private key under the newest encryption key (`charter
    rotate-pii`); returns the number of keys rewritten."""
    from sqlalchemy import select

    with runtime.current().db.sync_transaction() as session:
        rows = session.scalars(select(OAuthSigningKey)).all()
        for row in rows:
            row.private_key_enc = crypto.rotate(row.private_key_enc)
    return len(rows)
