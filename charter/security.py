"""Who is calling: API keys and JWT access tokens resolved to a Principal, and scope checks.

Keys are found by the SHA-256 of the secret and cached in-process for at most
`CHARTER_KEY_CACHE_SECONDS` (<= 1 s), so a revocation is effective on every process within a
second without any cross-process messaging; a revocation in this process clears the entry at once.
Lookups run in a worker thread: security functions never block the event loop.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
import threading
import time
from dataclasses import dataclass, field

import anyio.to_thread
import jwt

from charter import runtime
from charter.clock import utcnow
from charter.errors import PermissionDenied, Unauthenticated
from charter.spec import operation_index
from storage import repositories as repo

KEY_PREFIXES = ("sk_live_", "sk_test_")
# Roles map to scopes in this one place.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    "admin": frozenset({"admin"}),
    "editor": frozenset(
        {
            "users:read",
            "organizations:read",
            "read:data",
            "write:data",
            "files:read",
            "files:write",
            "webhooks:read",
            "ingestion:read",
            "analytics:read",
        }
    ),
    "user": frozenset(
        {"users:read", "organizations:read", "read:data", "files:read", "analytics:read"}
    ),
}
LAST_USED_RESOLUTION_SECONDS = 60


def scopes_for_roles(roles) -> frozenset[str]:
    scopes: set[str] = set()
    for role in roles or ():
        scopes |= ROLE_SCOPES.get(role, frozenset())
    return frozenset(scopes)


@dataclass(frozen=True)
class Principal:
    kind: str  # "api_key" | "user"
    id: str  # key id or user id
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


def hash_secret(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def generate_api_key(livemode: bool = True) -> str:
    return ("sk_live_" if livemode else "sk_test_") + secrets.token_urlsafe(32)


class _KeyCache:
    def __init__(self) -> None:
        self._entries: dict[bytes, tuple[float, Principal | None, str]] = {}
        self._lock = threading.Lock()

    def get(self, digest: bytes) -> tuple[Principal | None, str] | None:
        entry = self._entries.get(digest)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1], entry[2]

    def put(self, digest: bytes, principal: Principal | None, reason: str, ttl: float) -> None:
        if ttl <= 0:
            return
        with self._lock:
            if len(self._entries) > 50_000:
                self._entries.clear()
            self._entries[digest] = (time.monotonic() + ttl, principal, reason)

    def discard(self, digest: bytes) -> None:
        with self._lock:
            self._entries.pop(digest, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


key_cache = _KeyCache()


def _load_key_principal(token: str) -> tuple[Principal | None, str]:
    rt = runtime.current()
    with rt.db.transaction() as session:
        key = repo.get_api_key_by_hash(session, hash_secret(token))
        if key is None:
            return None, "Invalid API key"
        now = utcnow()
        if key.revoked_at is not None and key.revoked_at <= now:
            return None, "API key has been revoked"
        if key.expires_at is not None and key.expires_at <= now:
            return None, "API key has expired"
        organization = repo.get_organization(session, key.organization_id)
        if organization is None:
            return None, "Invalid API key"
        plan = repo.get_plan(session, organization.plan)
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > (
            LAST_USED_RESOLUTION_SECONDS
        ):
            repo.touch_api_key(session, key.id, now)
        return Principal(
            kind="api_key",
            id=key.id,
            organization_id=key.organization_id,
            user_id=key.user_id,
            scopes=frozenset(key.scopes or ()),
            livemode=key.livemode,
            is_superuser=key.is_superuser,
            plan=organization.plan,
            requests_per_minute=plan.requests_per_minute if plan else None,
            requests_per_day=plan.requests_per_day if plan else None,
            ip_ranges=tuple(key.ip_ranges or ()),
        ), ""


def _load_jwt_principal(token: str) -> tuple[Principal | None, str]:
    from charter import crypto

    rt = runtime.current()
    _, keys = crypto.jwt_keys()
    try:
        secret = keys.get(jwt.get_unverified_header(token).get("kid"))
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
    with rt.db.transaction() as session:
        user = repo.get_user(session, str(claims["sub"]))
        if user is None or user.status != "active":
            return None, "Invalid access token"
        session_id = str(claims["sid"])
        auth_session = repo.get_session(session, session_id)
        if (
            auth_session is None
            or auth_session.user_id != user.id
            or auth_session.revoked_at is not None
            or auth_session.expires_at <= utcnow()
        ):
            return None, "Access token has been revoked"
        organization = repo.get_organization(session, user.organization_id)
        if organization is None:
            return None, "Invalid access token"
        plan = repo.get_plan(session, organization.plan)
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
            session_id=session_id,
        ), ""


def resolve_sync(token: str) -> tuple[Principal | None, str]:
    """Resolve a credential to a principal, or (None, reason). Blocking: call off the loop."""
    digest = hash_secret(token)
    cached = key_cache.get(digest)
    if cached is not None:
        return cached
    if token.startswith(KEY_PREFIXES):
        principal, reason = _load_key_principal(token)
    else:
        principal, reason = _load_jwt_principal(token)
    key_cache.put(digest, principal, reason, runtime.current().settings.key_cache_seconds)
    return principal, reason


async def resolve(token: str) -> tuple[Principal | None, str]:
    cached = key_cache.get(hash_secret(token))
    if cached is not None:
        return cached
    return await anyio.to_thread.run_sync(resolve_sync, token)


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


async def _authenticate(token: str, request) -> dict:
    state = request.scope.setdefault("charter", {})
    if "credential" in state and state["credential"] != token:
        # A request is judged by one credential (X-API-Key first), the one rate limits and
        # idempotency were applied to: a second one cannot rescue an invalid first.
        raise Unauthenticated("Send one credential: X-API-Key or Authorization, not both")
    if "principal" in state:
        principal, reason = state["principal"], state.get("auth_error", "")
    else:
        principal, reason = await resolve(token)
    if principal is None:
        raise Unauthenticated(reason or "Invalid credentials")
    if not principal.allows_ip(state.get("client_ip")):
        raise PermissionDenied("This API key may not be used from this IP address")
    routing = request.scope.get("extensions", {}).get("connexion_routing", {})
    # Connexion records the resolved handler path (handlers.v1.organizations.list_organizations).
    operation_id = (routing.get("operation_id") or "").rsplit(".", 1)[-1]
    info = operation_index().get((routing.get("api_base_path"), operation_id))
    if info is not None and not principal.has_scopes(info.scopes):
        missing = ", ".join(sorted(set(info.scopes) - principal.scopes))
        raise PermissionDenied(f"This credential lacks the scope(s): {missing}")
    return {"sub": principal.id, "principal": principal, "scope": sorted(principal.scopes)}


async def api_key_info(apikey: str, request) -> dict:
    """Connexion apiKey security function (X-API-Key)."""
    return await _authenticate(apikey.strip(), request)


async def bearer_info(token: str, request) -> dict:
    """Connexion bearer security function (API key or JWT)."""
    return await _authenticate(token.strip(), request)
