"""What the pipeline learns about a request, carried in the ASGI scope under "charter"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter.identity.principals import Principal, authorize
from charter.platform.errors import CharterError
from charter.platform.spec import OperationInfo

# Path parameters that are credentials in themselves (a share link's token, a signed download
# URL's): never written to a log.
SECRET_SEGMENTS = frozenset({"{token}"})
REDACTED = "[redacted]"


def redacted_path(path: str, operation: OperationInfo | None) -> str:
    """The request path for logs, with the segments of secret path parameters redacted."""
    if operation is None or not any(s in operation.path for s in SECRET_SEGMENTS):
        return path
    template = operation.path.strip("/").split("/")
    actual = path.split("/")
    offset = len(actual) - len(template)  # the template is relative to the surface's base
    if offset < 0:
        return REDACTED
    for index, segment in enumerate(template):
        if segment in SECRET_SEGMENTS:
            actual[offset + index] = REDACTED
    return "/".join(actual)


def path_parameter(path: str, operation: OperationInfo, name: str) -> str | None:
    """The value of the path parameter `name` in this request's (decoded) path, or None."""
    template = operation.path.strip("/").split("/")
    actual = path.split("/")
    offset = len(actual) - len(template)  # the template is relative to the surface's base
    if offset < 0 or "{" + name + "}" not in template:
        return None
    return actual[offset + template.index("{" + name + "}")]


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
    # The client went away before the answer (mid-upload): logged as 499, not a server error.
    client_closed: bool = False
    deadline: float | None = None  # time.monotonic() by which the work must be done
    # The idempotency stage's unit of work, joined by the handler's (see charter.http.uow).
    shared_unit: Any = None

    def may_call(self) -> bool:
        """Would authorization let this caller run the operation? (Idempotent replays and
        streamed upload bodies are served only to callers that may.)"""
        if self.principal is None:
            return False
        try:
            authorize(self.principal, self.operation, self.client_ip)
        except CharterError:
            return False
        return True

    @property
    def logged_path(self) -> str:
        return redacted_path(self.path, self.operation)
