"""What the pipeline learns about a request, carried in the ASGI scope under "charter"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter.identity.principals import Principal
from charter.platform.spec import OperationInfo


@dataclass
class RequestState:
    request_id: str
    client_ip: str | None
    path: str
    method: str
    surface: str
    accept: str | None = None
    operation: OperationInfo | None = None  # resolved once, from the spec
    credential: str | None = None
    principal: Principal | None = None
    auth_error: str = ""
    # Added to the response when it starts (rate-limit, deprecation headers).
    response_headers: dict[str, str] = field(default_factory=dict)
    status: int = 500
    deadline: float | None = None  # time.monotonic() by which the work must be done
    # The idempotency stage's unit of work, joined by the handler's (see charter.http.uow).
    shared_unit: Any = None
