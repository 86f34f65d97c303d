"""Where this server is: the issuer (`iss`) of its tokens, their default audience, and the
resources (RFC 8707) it issues tokens for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from charter.platform import runtime
from charter.platform.errors import InvalidTarget

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Issuer:
    """Where this server is: the `iss` of its tokens and the default `aud` (the API's base URL)."""

    issuer: str
    audience: str


def issuer_at(base_url: str) -> Issuer:
    """The issuer `<base_url>/oauth`, `base_url` being CHARTER_PUBLIC_URL or, in development,
    the request's origin. In production that origin must not come from the Host header: tokens'
    `iss` and `aud`, the metadata's endpoints and redirects would name the caller's domain, so
    without CHARTER_PUBLIC_URL every use of the issuer answers 503."""
    runtime.current().settings.require_public_url("The OAuth issuer")
    return Issuer(issuer=base_url + "/oauth", audience=base_url)


def audience(issuer: Issuer, resource: str | None) -> str:
    """RFC 8707: a `resource` must be this API (its base URL or a URL under it)."""
    if resource is None:
        return issuer.audience
    parts = urlsplit(resource)
    base = issuer.audience.rstrip("/")
    if (
        parts.fragment
        or _CONTROL.search(resource)
        or not parts.scheme
        or not (resource == base or resource.startswith(base + "/"))
    ):
        raise InvalidTarget(f"Unknown resource; tokens are issued for {base}")
    return resource
