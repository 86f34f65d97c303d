"""RFC 8414 authorization server metadata."""

from charter.http.context import base_url
from charter.http.responses import json
from charter.platform.spec import scope_catalog


async def get_server_metadata():
    return json(
        {
            "issuer": base_url() + "/oauth",
            "scopes_supported": sorted(scope_catalog()),
            "response_types_supported": [],
            "grant_types_supported": [],
            "token_endpoint_auth_methods_supported": [],
        }
    )
