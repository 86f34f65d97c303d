"""v1 health endpoints (seed 002)."""

from charter.http.responses import json
from charter.platform import health
from charter.platform.spec import bundled_spec

VERSION = bundled_spec("v1")["info"]["version"]
_LIVE = {"status": "healthy", "version": VERSION, "api_status": "stable"}


async def get_health():
    return json(_LIVE)


async def get_liveness():
    return json(_LIVE)


async def get_liveness_legacy():
    """Deprecated alias of `GET /health/live` (sunset 2027-06-30)."""
    return await get_liveness()


async def get_readiness():
    report = await health.readiness()
    return json(report, 200 if health.is_ready(report) else 503)
