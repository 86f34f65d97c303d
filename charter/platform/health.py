"""Health, readiness and status: what each dependency answers, measured."""

from __future__ import annotations

import shutil
import time
from typing import Any

from charter.platform import runtime


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
        client = redis.asyncio.Redis.from_url(
            settings.redis_url, socket_timeout=1, socket_connect_timeout=1
        )
        try:
            await client.ping()
        finally:
            await client.aclose()
    except Exception as exc:  # noqa: BLE001
        return {"status": "failing", "latency_ms": None, "error": type(exc).__name__}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


async def readiness() -> dict[str, Any]:
    checks = {"database": await _database_check(), "redis": await _redis_check()}
    failing = [name for name, check in checks.items() if check["status"] == "failing"]
    return {"status": "not_ready" if failing else "ready", "failing": failing, "checks": checks}


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
