"""Health, readiness and status: what each dependency answers, measured.

The database is required: without it the process is not ready (503). Redis is optional to the
API's availability (rate limits fall back to per-process counters without it), so a configured
Redis that does not answer makes the process `degraded`, still ready (200): taking every
process out of rotation for it would turn a Redis outage into an API outage.
"""

from __future__ import annotations

import shutil
import time
from typing import Any

from charter.platform import runtime

REDIS_PING_SECONDS = 0.5


async def _database_check() -> dict[str, Any]:
    started = time.perf_counter()
    try:
        await runtime.current().db.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return {"status": "failing", "latency_ms": None, "error": type(exc).__name__}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


async def _redis_check() -> dict[str, Any]:
    settings = runtime.current().settings
    if not settings.redis_url:
        return {"status": "not_configured"}
    import redis.asyncio

    started = time.perf_counter()
    try:
        # Under a probe's usual one-second timeout, so a host that never answers still gets a
        # readiness answer.
        client = redis.asyncio.Redis.from_url(
            settings.redis_url,
            socket_timeout=REDIS_PING_SECONDS,
            socket_connect_timeout=REDIS_PING_SECONDS,
        )
        try:
            await client.ping()
        finally:
            await client.aclose()
    except Exception as exc:  # noqa: BLE001 - optional: the API serves on without it
        return {"status": "degraded", "latency_ms": None, "error": type(exc).__name__}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


async def readiness() -> dict[str, Any]:
    """`ready`, `degraded` (an optional dependency is down: still ready) or `not_ready`."""
    checks = {"database": await _database_check(), "redis": await _redis_check()}
    failing = [name for name, check in checks.items() if check["status"] == "failing"]
    degraded = [name for name, check in checks.items() if check["status"] == "degraded"]
    status = "not_ready" if failing else "degraded" if degraded else "ready"
    return {"status": status, "failing": failing, "degraded": degraded, "checks": checks}


def is_ready(report: dict[str, Any]) -> bool:
    """Whether a readiness report means "send traffic here" (200) or not (503)."""
    return bool(report["status"] != "not_ready")


def uptime_seconds() -> int:
    return int(time.monotonic() - runtime.current().started_at)


async def status() -> dict[str, Any]:
    rt = runtime.current()
    database = await _database_check()
    pool_size, active = rt.db.pool_status()
    free = shutil.disk_usage(rt.settings.var_dir if rt.settings.var_dir.exists() else ".").free
    return {
        "ingestion": {
            "is_running": False,
            "last_cycle": None,
            "cycles_completed": 0,
            "errors_count": 0,
        },
        "database": {
            "connected": database["status"] == "ok",
            "dialect": rt.db.dialect,
            "pool_size": pool_size,
            "active_connections": active,
        },
        "redis": {
            "configured": bool(rt.settings.redis_url),
            "connected": (await _redis_check())["status"] == "ok",
        },
        "storage": {"type": "local", "available_space": f"{free / 1024**3:.1f}GB"},
    }
