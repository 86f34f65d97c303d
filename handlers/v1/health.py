"""v1 health endpoints (seed 002)."""

from charter import health
from charter.spec import bundled_spec
from handlers.common import json

VERSION = bundled_spec("v1")["info"]["version"]


def get_health():
    return json({"status": "healthy", "version": VERSION, "api_status": "stable"})


def get_liveness():
    return json({"status": "healthy", "version": VERSION, "api_status": "stable"})


def get_readiness():
    report = health.readiness()
    return json(report, 200 if report["status"] == "ready" else 503)
