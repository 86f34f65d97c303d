"""The acting principal of the current request, for handlers to hand to domain services."""

from __future__ import annotations

from dataclasses import dataclass

from charter.security import Principal


@dataclass(frozen=True)
class Actor:
    """Who does something, from where: what the domain needs for rules and audit."""

    principal: Principal | None
    ip: str | None = None
    request_id: str | None = None

    def require(self) -> Principal:
        """The calling principal; 403 for calls without one (system actors)."""
        if self.principal is None:
            from charter.errors import PermissionDenied

            raise PermissionDenied()
        return self.principal

    @property
    def actor_type(self) -> str:
        return self.principal.kind if self.principal else "system"

    @property
    def actor_id(self) -> str | None:
        return self.principal.id if self.principal else None


SYSTEM = Actor(principal=None)


def current_actor() -> Actor:
    from connexion import context as cx

    state = cx.scope.get("charter", {})
    token_info = cx.context.get("token_info") or {}
    return Actor(
        principal=token_info.get("principal"),
        ip=state.get("client_ip"),
        request_id=state.get("request_id"),
    )


def request_id() -> str:
    from connexion import context as cx

    return cx.scope.get("charter", {}).get("request_id", "")
