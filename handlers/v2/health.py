"""v2 health and version (Enterprise API 2.3, beta)."""

from charter.http.responses import json
from charter.platform.spec import bundled_spec

VERSION = bundled_spec("v2")["info"]["version"]


async def get_health():
    return json({"status": "healthy", "version": VERSION, "api_status": "beta"})
