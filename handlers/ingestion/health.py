"""Ingestion API health and status in the seed 003 envelope."""

from charter import health
from charter.clock import isoformat, utcnow
from charter.spec import bundled_spec
from handlers.common import ingestion_envelope as envelope

VERSION = bundled_spec("ingestion")["info"]["version"]


def get_health():
    now = isoformat(utcnow())
    data = {
        "status": "healthy",
        "version": VERSION,
        "uptime": health.uptime_seconds(),
        "timestamp": now,
    }
    return envelope(data, "Service is healthy")


def get_status():
    return envelope(health.status(), "Status retrieved")
