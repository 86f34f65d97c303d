"""Who is calling: API keys and JWT access tokens resolved to a Principal; what a principal may
call (`authorize`); the Actor every service receives.

Keys are found by the SHA-256 of the secret and cached in-process for at most
`CHARTER_KEY_CACHE_SECONDS` (<= 1 s), so a revocation is effective on every process within a
second without any cross-process messaging; a revocation in this process clears the entry at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import secrets
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, cast

import jwt
from sqlalchemy.ext.asyncio import AsyncSession

from charter.identity.roles import scopes_for_roles, within
from charter.platform import crypto, runtime
from charter.platform.clock import utcnow
from charter.platform.errors import PermissionDenied
from charter.platform.spec import OperationInfo
from storage.db import on_commit
from storage.repositories import identity as repo

KEY_PREFIXES = ("sk_live_", "sk_test_")
LAST_USED_RESOLUTION_SECONDS = 60


@dataclass(frozen=True)
class Principal:
    kind: str  # "api_key" | "user" | "oauth" (an OAuth access token)
    id: str  # key id, user id, or the OAuth client id
    organization_id: str
    user_id: str | None
    scopes: frozenset[str]
    livemode: bool
    is_superuser: bool
    plan: str
    requests_per_minute: int | None
    requests_per_day: int | None
    ip_ranges: tuple[str, ...] = field(default=())
    session_id: str | None = None  # the login session of a JWT access token
    personal: bool = False  # a user's own key: acts for that user, lives while they are active
    requests_per_hour: int | None = None  # the plan's other windows (charter.platform.ratelimit)
    burst: int | None = None  # requests in any one second

    @property
    def rate_key(self) -> str:
        """Rate limits are shared by every credential of an organization."""
        return f"org:{self.organization_id}"

    @property
    def idempotency_scope(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or "admin" in self.scopes

    def has_scopes(self, required: tuple[str, ...] | frozenset[str]) -> bool:
        return "admin" in self.scopes or set(required) <= self.scopes

    def allows_ip(self, ip: str | None) -> bool:
        if not self.ip_ranges:
            return True
        if ip is None:
            return False
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(r, strict=False) for r in self.ip_ranges)


@dataclass(frozen=True)
class Actor:
    """Who does something, from where: what every service needs for rules and audit."""

    principal: Principal | None
    ip: str | None = None
    request_id: str | None = None

    def require(self) -> Principal:
        """The calling principal; 403 for calls without one (system actors)."""
        if self.principal is None:
            raise PermissionDenied()
        return self.principal

    @property
    def actor_type(self) -> str:
        return self.principal.kind if self.principal else "system"

    @property
    def actor_id(self) -> str | None:
        return self.principal.id if self.principal else None


SYSTEM = Actor(principal=None)


def authorize(principal: Principal, operation: OperationInfo | None, client_ip: str | None) -> None:
    """May this principal call this operation from this address? Raises 403 if not.

    The one check behind the security functions and idempotent replays alike.
    """
    if not principal.allows_ip(client_ip):
        raise PermissionDenied("This API key may not be used from this IP address")
    if operation is not None:
        require_scopes(principal, operation.scopes)


def require_scopes(principal: Principal, scopes: tuple[str, ...]) -> None:
    """403 unless the principal carries every one of `scopes` (or `admin`)."""
    if not principal.has_scopes(scopes):
        missing = ", ".join(sorted(set(scopes) - principal.scopes))
        raise PermissionDenied(f"This credential lacks the scope(s): {missing}")


def hash_secret(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def generate_api_key(livemode: bool = True) -> str:
    return ("sk_live_" if livemode else "sk_test_") + secrets.token_urlsafe(32)


class _KeyCache:
    """Resolved credentials for at most a second. Every forget starts a new generation, and a
    lookup that began in an older one is not cached: it may have read rows from before the
    change that caused the forget."""

    def __init__(self) -> None:
        self._entries: dict[bytes, tuple[float, Principal | None, str]] = {}
        self._lock = threading.Lock()
        self.generation = 0

    def get(self, digest: bytes) -> tuple[Principal | None, str] | None:
        entry = self._entries.get(digest)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1], entry[2]

    def put(
        self,
        digest: bytes,
        principal: Principal | None,
        reason: str,
        ttl: float,
        generation: int | None = None,
    ) -> None:
        if ttl <= 0:
            return
        with self._lock:
            if generation is not None and generation != self.generation:
                return
            if len(self._entries) > 50_000:
                self._entries.clear()
            self._entries[digest] = (time.monotonic() + ttl, principal, reason)

    def discard(self, digest: bytes) -> None:
        with self._lock:
            self.generation += 1
            self._entries.pop(digest, None)

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            self._entries.clear()


key_cache = _KeyCache()


def forget_credentials(session: AsyncSession, token: str | None = None) -> None:
    """A change to keys or sessions: forget cached credentials (one, or all) at once and again
    when the change commits, and let no request join a lookup that began before it."""

    def forget() -> None:
        if token is None:
            key_cache.clear()
        else:
            key_cache.discard(hash_secret(token))
        for pending in _pending.values():
            pending.clear()

    forget()
    on_commit(session, forget)


async def _load_key_principal(token: str) -> tuple[Principal | None, str]:
    db = runtime.current().db
    async with db.read() as session:
        found = await repo.get_api_key_with_plan(session, hash_secret(token))
    if found is None:
        return None, "Invalid API key"
    key, organization, plan, owner = found
    now = utcnow()
    if key.revoked_at is not None and key.revoked_at <= now:
        return None, "API key has been revoked"
    scopes, is_superuser = frozenset(key.scopes or ()), key.is_superuser
    if key.personal:
        if owner is None or owner[0] != "active":
            return None, "API key's owner is not active"
        # A personal key never holds more than its user holds now: a demoted user's key loses
        # what they lost.
        scopes = within(scopes, scopes_for_roles(owner[1]))
        is_superuser = is_superuser and owner[2]
    if key.expires_at is not None and key.expires_at <= now:
        return None, "API key has expired"
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > (
        LAST_USED_RESOLUTION_SECONDS
    ):
        # A short write of its own, at most once a minute per key.
        async with db.transaction() as session:
            await repo.touch_api_key(session, key.id, now)
    return Principal(
        kind="api_key",
        id=key.id,
        organization_id=key.organization_id,
        user_id=key.user_id,
        scopes=scopes,
        livemode=key.livemode,
        is_superuser=is_superuser,
        plan=organization.plan,
        requests_per_minute=plan.requests_per_minute if plan else None,
        requests_per_day=plan.requests_per_day if plan else None,
        requests_per_hour=plan.requests_per_hour if plan else None,
        burst=plan.burst if plan else None,
        ip_ranges=tuple(key.ip_ranges or ()),
        personal=key.personal,
    ), ""


def _verify_jwt(token: str) -> tuple[dict[str, Any] | None, str]:
    _, keys = crypto.jwt_keys()
    try:
        # A missing (or non-string) kid simply matches no key.
        secret = keys.get(cast(str, jwt.get_unverified_header(token).get("kid")))
        if secret is None:
            return None, "Invalid access token"
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],
            options={"require": ["exp", "sub", "iat", "sid"]},
            leeway=5,
        )
    except jwt.ExpiredSignatureError:
        return None, "Access token has expired"
    except jwt.InvalidTokenError:
        return None, "Invalid access token"
    return claims, ""


async def _load_jwt_principal(token: str) -> tuple[Principal | None, str]:
    claims, reason = _verify_jwt(token)
    if claims is None:
        return None, reason
    session_id = str(claims["sid"])
    async with runtime.current().db.read() as session:
        found = await repo.get_login_with_plan(session, str(claims["sub"]), session_id)
    if found is None:
        return None, "Invalid access token"
    user, login, organization, plan = found
    if user.status != "active":
        return None, "Invalid access token"
    if login is None or login.revoked_at is not None or login.expires_at <= utcnow():
        return None, "Access token has been revoked"
    return Principal(
        kind="user",
        id=user.id,
        organization_id=user.organization_id,
        user_id=user.id,
        scopes=scopes_for_roles(user.roles),
        livemode=user.livemode,
        is_superuser=user.is_superuser,
        plan=organization.plan,
        requests_per_minute=plan.requests_per_minute if plan else None,
        requests_per_day=plan.requests_per_day if plan else None,
        requests_per_hour=plan.requests_per_hour if plan else None,
        burst=plan.burst if plan else None,
        session_id=session_id,
    ), ""


async def resolve(token: str) -> tuple[Principal | None, str]:
    """Resolve a credential to a principal, or (None, reason); cached for at most a second.

    Concurrent requests with the same credential share one lookup, so a cache entry expiring
    under load costs one query, not one per request in flight.
    """
    digest = hash_secret(token)
    cached = key_cache.get(digest)
    if cached is not None:
        return cached
    loop = asyncio.get_running_loop()
    pending = _pending.setdefault(loop, {})
    shared = pending.get(digest)
    if shared is not None:
        try:
            return await asyncio.shield(shared)
        except asyncio.CancelledError:
            if shared.cancelled() and not _being_cancelled():
                return await resolve(token)  # the leader was cancelled, not this request
            raise
    future: asyncio.Future[tuple[Principal | None, str]] = loop.create_future()
    pending[digest] = future
    generation = key_cache.generation
    try:
        result = await _loader(token)(token)
        ttl = runtime.current().settings.key_cache_seconds
        key_cache.put(digest, *result, ttl, generation=generation)
        future.set_result(result)
        return result
    except BaseException as exc:
        if isinstance(exc, Exception):
            future.set_exception(exc)
            future.exception()  # retrieved: followers may be none
        else:
            future.cancel()
        raise
    finally:
        if pending.get(digest) is future:
            pending.pop(digest, None)


def _being_cancelled() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


# In-flight lookups per event loop, by credential digest.
_pending: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[bytes, asyncio.Future[tuple[Principal | None, str]]]
] = weakref.WeakKeyDictionary()


# Bearer tokens of kinds issued by domains above identity (OAuth access tokens, charter.oauth):
# (recognises, load), installed by the app factory. A token none recognises is a session JWT.
TokenLoader = Callable[[str], Awaitable[tuple[Principal | None, str]]]
_token_kinds: list[tuple[Callable[[str], bool], TokenLoader]] = []


def register_token_kind(recognises: Callable[[str], bool], load: TokenLoader) -> None:
    """Resolve bearer tokens that `recognises` with `load` (once per pair)."""
    if (recognises, load) not in _token_kinds:
        _token_kinds.append((recognises, load))


def _loader(token: str) -> TokenLoader:
    if token.startswith(KEY_PREFIXES):
        return _load_key_principal
    return next((load for match, load in _token_kinds if match(token)), _load_jwt_principal)


def credential_from_headers(headers: dict[str, str]) -> str | None:
    """The credential a request carries: X-API-Key, else an Authorization bearer token."""
    api_key = headers.get("x-api-key")
    if api_key:
        return api_key.strip()
    authorization = headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None
