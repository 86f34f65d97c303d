"""Authorization server metadata: RFC 8414 and OpenID Connect Discovery 1.0, one document."""

from __future__ import annotations

from typing import Any

from charter.oauth.clients import supported_scopes
from charter.oauth.keys import ALGORITHM


def document(issuer: str) -> dict[str, Any]:
    """The metadata of the server whose issuer is `issuer` (`<public base URL>/oauth`)."""
    auth_methods = ["client_secret_basic", "client_secret_post"]
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "jwks_uri": f"{issuer}/jwks.json",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "revocation_endpoint": f"{issuer}/revoke",
        "introspection_endpoint": f"{issuer}/introspect",
        "scopes_supported": supported_scopes(),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "token_endpoint_auth_methods_supported": [*auth_methods, "none"],
        "revocation_endpoint_auth_methods_supported": [*auth_methods, "none"],
        "introspection_endpoint_auth_methods_supported": auth_methods,
        "code_challenge_methods_supported": ["S256"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ALGORITHM],
        "claims_supported": [
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "amr",
            "preferred_username",
            "name",
            "email",
            "email_verified",
        ],
        "authorization_response_iss_parameter_supported": True,
        "service_documentation": f"{issuer}/docs/",
    }
