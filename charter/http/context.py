"""The current request, as handlers hand it to domain services."""

from __future__ import annotations

from typing import Any

from connexion import context as cx

from charter.http.pipeline import context as pipeline_context
from charter.http.state import RequestState
from charter.identity.principals import Actor


def _scope() -> dict[str, Any]:
    """The request's ASGI scope itself (one lookup, where each use of Connexion's `cx.scope`
    proxy is one)."""
    scope: dict[str, Any] = cx.scope._get_current_object()
    return scope


def _state() -> RequestState:
    return _scope()["charter"]


def current_actor() -> Actor:
    """The calling principal, its address and the request id."""
    state = _state()
    token_info = cx.context.get("token_info") or {}
    return Actor(
        principal=token_info.get("principal"),
        ip=state.client_ip,
        request_id=state.request_id,
    )


def request_id() -> str:
    return _state().request_id


def header(name: str) -> str | None:
    """A request header by its lower-case name (headers the spec declares as parameters)."""
    return _scope()["charter_headers"].get(name)


def credential() -> str:
    """The credential this request was authenticated with."""
    return _state().credential or ""


def base_url() -> str:
    """scheme://host at which clients reach Charter: CHARTER_PUBLIC_URL when set, otherwise
    derived from this request without believing a malformed Host or an untrusted proxy."""
    return pipeline_context.base_url(cx.scope)


def deadline() -> float | None:
    """The time.monotonic() at which the operation's `x-timeout` class ends the request."""
    return _state().deadline


def upload() -> Any:
    """The upload the pipeline streamed to the blob store (operations with x-body-stream)."""
    return cx.scope.get("charter_upload")


def request_headers() -> dict[str, str]:
    """Every request header by lower-case name."""
    return cx.scope["charter_headers"]
