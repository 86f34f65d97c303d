"""RFC 8414 / OpenID Connect discovery metadata and the JSON Web Key Set."""

from charter.http.context import base_url
from charter.http.responses import json
from charter.oauth import keys, metadata


async def get_server_metadata():
    return json(metadata.document(base_url() + "/oauth"))


async def get_openid_configuration():
    return json(metadata.document(base_url() + "/oauth"))


async def get_jwks():
    return json(await keys.jwks())
