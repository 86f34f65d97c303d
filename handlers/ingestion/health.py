"""Ingestion API health and status in the seed 003 envelope."""

from charter import health
from charter.clock import isoformat, utcnow
from charter.context import request_id
from charter.spec import bundled_spec
from handlers.common import json

VERSION = bundled_spec("ingestion")["info"]["version"]


def envelope(data, message):
    return json(
        {
            "success": True,
            "data": data,
            "message": message,
            "timestamp": isoformat(utcnow()),
            "request_id": request_id(),
        }
    )


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
