"""RFC 8414 / OpenID Connect discovery metadata and the JSON Web Key Set."""

from charter.http.context import base_url
from charter.http.responses import json
from charter.oauth import keys, metadata
from charter.oauth.issuer import issuer_at


async def get_server_metadata():
    return json(metadata.document(issuer_at(base_url()).issuer))


async def get_openid_configuration():
    return json(metadata.document(issuer_at(base_url()).issuer))


async def get_jwks():
    return json(await keys.jwks())
