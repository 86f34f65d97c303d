"""Ingestion API health and status in the seed 003 envelope."""

from charter.http.responses import ingestion_envelope as envelope
from charter.platform import health
from charter.platform.clock import isoformat, utcnow
from charter.platform.spec import bundled_spec

VERSION = bundled_spec("ingestion")["info"]["version"]


async def get_health():
    data = {
        "status": "healthy",
        "version": VERSION,
        "uptime": health.uptime_seconds(),
        "timestamp": isoformat(utcnow()),
    }
    return envelope(data, "Service is healthy")


async def get_status():
    return envelope(await health.status(), "Status retrieved")
