"""Credentials and rate limits: who is calling, and whether they may call again now."""

from __future__ import annotations

import logging

from charter.http.pipeline.base import Receive, Scope, Send, Stage, send_error
from charter.http.rendering import database_unavailable, translate
from charter.http.state import RequestState
from charter.identity import keys
from charter.identity.principals import credential_from_headers, resolve
from charter.platform import runtime
from charter.platform.errors import CharterError, RateLimited
from charter.platform.ratelimit import UNLIMITED
from charter.platform.spec import SURFACES

log = logging.getLogger("charter")

# Pages outside the specs that are never rate limited: the spec documents and the interactive
# docs with their assets (static, and loaded in bursts by browsers and client generators).
_DOCUMENTS = frozenset({"/openapi.json", *(f"{mount}/openapi.json" for mount in SURFACES.values())})
_DOCS_PAGES = ("/docs", *(f"{mount}/docs" for mount in SURFACES.values()))


# Pages outside the specs with a rate class of their own: the OAuth sign-in and consent form
# counts like the API's logins (`auth`, per IP).
PAGE_RATE_CLASSES = {("POST", "/oauth/authorize"): "auth"}


def is_documentation(method: str, path: str) -> bool:
    if method not in ("GET", "HEAD"):
        return False
    if path in _DOCUMENTS:
        return True
    return any(path == page or path.startswith(page + "/") for page in _DOCS_PAGES)


class Credentials(Stage):
    """Resolve the credential once (cached for at most a second); the security functions
    enforce it, this feeds the rate limits and idempotency. A key's first use from a new
    address is recorded by the keys service.

    A lookup that meets a lost database connection is tried once more (it wrote nothing, and
    the pool has discarded the dead connection); a second failure answers 503 in the surface's
    envelope, as any other error here does, instead of escaping the pipeline as a bare 500."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        credential = credential_from_headers(scope["charter_headers"])
        if credential is not None:
            state.credential = credential
            try:
                await self._resolve(state, credential)
            except Exception as exc:  # noqa: BLE001 - rendered in the envelope, never bare
                error = translate(exc)
                if type(error) is CharterError:
                    log.error(
                        "credential lookup failed",
                        exc_info=exc,
                        extra={
                            "fields": {"request_id": state.request_id, "path": state.logged_path}
                        },
                    )
                await send_error(scope, send, error)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _resolve(state: RequestState, credential: str) -> None:
        try:
            state.principal, state.auth_error = await resolve(credential)
        except Exception as exc:
            if not database_unavailable(exc):
                raise
            log.warning("database connection lost during a credential lookup; retrying once")
            state.principal, state.auth_error = await resolve(credential)
        principal = state.principal
        if principal is not None and principal.kind == "api_key":
            if keys.is_new_address(principal.id, state.client_ip):
                async with runtime.current().db.transaction() as session:
                    await keys.note_use_from_ip(session, principal.id, state.client_ip)


class RateLimit(Stage):
    """Count the request against its policies (the operation's `x-rate-limit` class among them).

    Operations declared `x-rate-limit: none` (health probes) and the documentation pages are
    never counted and carry no rate-limit headers. A refused request is answered 429 in the
    surface's envelope with `Retry-After` and a top-level `retry_after` (docs/RATE_LIMITS.md)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        if state.operation is not None:
            rate_class = state.operation.rate_limit
        elif is_documentation(state.method, state.path):
            rate_class = UNLIMITED
        else:
            rate_class = PAGE_RATE_CLASSES.get((state.method, state.path), "default")
        verdict = await runtime.current().limiter.check(
            principal=state.principal, client_ip=state.client_ip, rate_class=rate_class
        )
        if verdict is not None:
            state.response_headers.update(verdict.headers())
            if not verdict.allowed:
                # The renderer copies Retry-After into the body's top-level `retry_after`.
                message = (
                    f"Rate limit exceeded ({verdict.limit} per {verdict.window} s, "
                    f"{verdict.policy}); try again in {verdict.retry_after} seconds"
                )
                headers = {"Retry-After": str(verdict.retry_after)}
                await send_error(scope, send, RateLimited(message, headers=headers))
                return
        await self.app(scope, receive, send)
