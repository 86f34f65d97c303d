"""v2 health and version (Enterprise API 2.3, beta)."""

from charter.spec import bundled_spec
from handlers.common import json

VERSION = bundled_spec("v2")["info"]["version"]


def get_health():
    return json({"status": "healthy", "version": VERSION, "api_status": "beta"})
