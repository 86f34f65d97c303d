"""The request pipeline: small named ASGI stages every request of every surface goes through.

    RequestContext -> AccessLog -> RequestLimits -> Credentials -> RateLimit -> Deadline
        -> BufferBody -> Idempotency -> Connexion (routing, security, validation, handler)

Each stage does one thing and can be tested alone (`Pipeline(app, stages=[...])`). The first
stage resolves the operation from the spec once and keeps it, with everything else learned
about the request, in `scope["charter"]` (a RequestState). Every response leaves with
X-Request-Id, the rate-limit headers, deprecation headers for deprecated operations, and one
structured access-log line.
"""

from __future__ import annotations

from charter.http.pipeline.access import Credentials, RateLimit
from charter.http.pipeline.base import ASGIApp, Receive, Scope, Send, Stage, send_error
from charter.http.pipeline.context import AccessLog, RequestContext
from charter.http.pipeline.execution import Deadline, Idempotency
from charter.http.pipeline.limits import BufferBody, RequestLimits

STAGES: tuple[type[Stage], ...] = (
    RequestContext,
    AccessLog,
    RequestLimits,
    Credentials,
    RateLimit,
    Deadline,  # the deadline covers reading the body too: a stalled upload gets 408
    BufferBody,
    Idempotency,
)


class Pipeline:
    """The stages around an ASGI app, outermost first."""

    def __init__(self, app: ASGIApp, stages: tuple[type[Stage], ...] = STAGES) -> None:
        for stage in reversed(stages):
            app = stage(app)
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


__all__ = ["STAGES", "Pipeline", "Stage", "send_error"]
