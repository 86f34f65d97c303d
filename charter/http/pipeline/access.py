"""Credentials and rate limits: who is calling, and whether they may call again now."""

from __future__ import annotations

from charter.http.pipeline.base import Receive, Scope, Send, Stage, send_error
from charter.http.state import RequestState
from charter.identity import keys
from charter.identity.principals import credential_from_headers, resolve
from charter.platform import runtime
from charter.platform.errors import RateLimited


class Credentials(Stage):
    """Resolve the credential once (cached for at most a second); the security functions
    enforce it, this feeds the rate limits and idempotency. A key's first use from a new
    address is recorded by the keys service."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        credential = credential_from_headers(scope["charter_headers"])
        if credential is not None:
            state.credential = credential
            state.principal, state.auth_error = await resolve(credential)
            principal = state.principal
            if principal is not None and principal.kind == "api_key":
                if keys.is_new_address(principal.id, state.client_ip):
                    async with runtime.current().db.transaction() as session:
                        await keys.note_use_from_ip(session, principal.id, state.client_ip)
        await self.app(scope, receive, send)


class RateLimit(Stage):
    """Count the request against its policies (the operation's `x-rate-limit` class among them)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state: RequestState = scope["charter"]
        verdict = await runtime.current().limiter.check(
            principal=state.principal,
            client_ip=state.client_ip,
            rate_class=state.operation.rate_limit if state.operation else "default",
        )
        if verdict is not None:
            state.response_headers.update(verdict.headers())
            if not verdict.allowed:
                message = (
                    f"Rate limit exceeded ({verdict.limit} per {verdict.window} s); "
                    f"retry in {verdict.retry_after} s"
                )
                headers = {"Retry-After": str(verdict.retry_after)}
                await send_error(scope, send, RateLimited(message, headers=headers))
                return
        await self.app(scope, receive, send)
