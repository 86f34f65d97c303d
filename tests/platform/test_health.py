"""Health endpoints on /v1 and /api/v1, the root index, and the readiness of dependencies."""

from __future__ import annotations

from charter.platform import runtime


def test_v1_health_live_ready(client):
    assert client.get("/v1/health").json()["status"] == "healthy"
    assert client.get("/v1/health/live").status_code == 200
    ready = client.get("/v1/health/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"]["status"] == "ok"


def test_ingestion_health_and_status_envelopes(client, admin):
    health = client.get("/api/v1/health").json()
    assert health["success"] is True and health["data"]["status"] == "healthy"
    assert health["request_id"].startswith("req_")
    status = client.get("/api/v1/status", headers={"X-API-Key": admin.key}).json()
    assert status["data"]["database"]["connected"] is True
    assert status["data"]["database"]["dialect"] == runtime.current().db.dialect


def test_root_lists_the_four_surfaces(client):
    surfaces = client.get("/openapi.json").json()["surfaces"]
    assert [s["base_path"] for s in surfaces] == ["/v1", "/v2", "/api/v1", "/oauth"]
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/v1/docs/" in page.text
    assert client.get("/v1/docs/").status_code == 200


def test_readiness_names_a_down_redis_as_degraded_and_stays_ready(client, monkeypatch):
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "redis_url", "redis://127.0.0.1:1/0")
    response = client.get("/v1/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["degraded"] == ["redis"] and body["failing"] == []
    assert body["checks"]["redis"]["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"


def test_readiness_without_the_database_is_503_not_ready(client, monkeypatch):
    async def unreachable():
        raise ConnectionRefusedError("database down")

    monkeypatch.setattr(runtime.current().db, "ping", unreachable)
    response = client.get("/v1/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not_ready" and body["failing"] == ["database"]
    assert body["checks"]["database"] == {
        "status": "failing",
        "latency_ms": None,
        "error": "ConnectionRefusedError",
    }


def test_database_connections_are_tuned_as_designed():
    db = runtime.current().db
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        else:
            # Generic plans for JSONB filters are slow: psycopg must never prepare statements.
            assert conn.connection.dbapi_connection.prepare_threshold is None
