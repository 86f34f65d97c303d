"""RFC 8414 authorization server metadata."""

from flask import request

from charter.spec import scope_catalog
from handlers.common import json


def get_server_metadata():
    issuer = request.host_url.rstrip("/") + "/oauth"
    return json(
        {
            "issuer": issuer,
            "scopes_supported": sorted(scope_catalog()),
            "response_types_supported": [],
            "grant_types_supported": [],
            "token_endpoint_auth_methods_supported": [],
        }
    )
