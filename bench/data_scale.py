"""`make bench`'s data part (issue 8, "Speed and scale"): Charter's /v2/data at 10,000 and at
1,000,000 records on SQLite and on PostgreSQL, batch creates, and Charter against Parse Server 9
on an equality filter, a GET by id and a create. Run by `make bench` after bench/run.py, or alone:
`make bench-data` (= `python -m bench.data_scale`).

For each dialect (temporary databases: a SQLite file in a temporary directory, and
charter_bench_data_<pid> on BENCH_PG_URL's server, dropped at the end), with one Charter process
(`uvicorn charter.asgi:app`, as bench/run.py starts it) on a plan whose limit never binds:

1. BENCH_DATA_SMALL (10,000) records go straight into the `records` table of collection `items`
   (bench/data_seed.py: COPY on PostgreSQL, multi-row INSERTs on SQLite; the time is reported),
   then `PUT /v2/collections/items {"indexes": ["category", "price"]}` declares the indexes.
2. Sequential requests on one keep-alive connection (BENCH_DATA_REQUESTS, 200, after up to 5
   unmeasured ones; fewer, at least 3, once a measurement has run BENCH_DATA_QUERY_SECONDS, 5 s):
   GET by id, an indexed equality filter (`category:eq:cat-00007`, ~200 matches) and an indexed
   range filter (`price:gte:500;price:lt:520`, ~200 matches), `limit=20`, each with the default
   exact count and with `count=none`. p50 and p95 of the client's wall time (one connection on
   127.0.0.1: server time plus well under 0.2 ms), and the server process's CPU ms per request.
3. Records are added up to BENCH_DATA_RECORDS (1,000,000), the same requests measured again (the
   filters select the same records as at 10k), plus the un-indexed `color` filter (honest scans).
4. The plans: the same filters compiled by Charter's own code and explained (bench/data_plans.py);
   PASS when every statement reads a declared (`ix_records_f_*`) index.
5. Batch create: BENCH_DATA_BATCHES (10) x `POST /v2/data/batchitems/batch` of 1,000 records.

Then bench/data_parse.py: Charter against Parse Server 9 on one PostgreSQL (unless BENCH_PARSE=0
or BENCH_DATA_PARSE=0). Endpoints that are not there yet (collections, batch, `count`) are
reported as absent, not as crashes. Numbers on a shared machine are noisy.

Environment: BENCH_DATA (1; 0 skips this part), BENCH_DATA_RECORDS (1000000), BENCH_DATA_SMALL
(10000), BENCH_DATA_DIALECTS (sqlite,postgresql), BENCH_DATA_REQUESTS (200),
BENCH_DATA_QUERY_SECONDS (5), BENCH_DATA_BATCHES (10), BENCH_DATA_PARSE (follows BENCH_PARSE),
BENCH_DATA_RECORDS_PARSE (18000), and bench/run.py's BENCH_PG_URL, BENCH_SECONDS, BENCH_ROUNDS,
BENCH_CONNECTIONS, BENCH_CHARTER_ROOT.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg

from bench import data_report, data_seed
from bench.harness import PG_URL
from bench.loadgen import cpu_seconds
from bench.run import (
    CHARTER_ROOT,
    ROOT,
    Server,
    charter_env,
    create_database,
    database_url,
    drop_database,
    stop,
    uvicorn,
    wait_ready,
)

SMALL = int(os.environ.get("BENCH_DATA_SMALL", "10000"))
TOTAL = max(SMALL, int(os.environ.get("BENCH_DATA_RECORDS", "1000000")))
DIALECTS = [
    d.strip() for d in os.environ.get("BENCH_DATA_DIALECTS", "sqlite,postgresql").split(",")
]
REQUESTS = int(os.environ.get("BENCH_DATA_REQUESTS", "200"))
QUERY_SECONDS = float(os.environ.get("BENCH_DATA_QUERY_SECONDS", "5"))
BATCHES = int(os.environ.get("BENCH_DATA_BATCHES", "10"))
BATCH_SIZE = 1000
WARMUP_REQUESTS = 5
MIN_REQUESTS = 3
COLLECTION = "items"
INDEXES = ["category", "price"]
CATEGORY = "category:eq:cat-00007"
PRICE = "price:gte:500;price:lt:520"
COLOR = "color:eq:teal"
NO_COLOR = "color:eq:ultraviolet"  # matches nothing: the scan reads the whole collection


def queries(record_id: str, at_scale: bool) -> list[tuple[str, str, int | None]]:
    """(label, path, rows expected on the page or None)."""
    base = f"/v2/data/{COLLECTION}"

    def listing(expr: str, count: str | None) -> str:
        return f"{base}?filter={quote(expr, safe='')}&limit=20" + (
            f"&count={count}" if count else ""
        )

    out: list[tuple[str, str, int | None]] = [("GET by id", f"{base}/{record_id}", None)]
    for name, expr in (("category eq", CATEGORY), ("price range", PRICE)):
        out.append((f"{name}, exact count", listing(expr, None), 20))
        out.append((f"{name}, count=none", listing(expr, "none"), 20))
    if at_scale:
        out.append(("color eq (no index), exact count", listing(COLOR, None), 20))
        out.append(("color eq (no index), count=none", listing(COLOR, "none"), 20))
        out.append(("color, no match (full scan)", listing(NO_COLOR, "none"), 0))
    return out


# requests ---------------------------------------------------------------------------------------


def request(conn, method: str, path: str, headers: dict, body: bytes | None = None):
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def sequential(server: Server, path: str, headers: dict, method="GET", body=None, n=REQUESTS):
    """n requests one after another on one connection: p50/p95 ms, server CPU ms per request,
    and the first response (status, parsed body) for the checks."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=180)
    try:
        first, warm_until = None, time.perf_counter() + 1.0
        for _ in range(WARMUP_REQUESTS if method == "GET" else 1):
            status, payload = request(conn, method, path, headers, body)
            first = first or (status, payload)
            if time.perf_counter() > warm_until:
                break  # a slow request: one warm-up is enough
        times, bad = [], 0
        cpu_before, started = cpu_seconds(server.process.pid), time.perf_counter()
        for _ in range(n):
            began = time.perf_counter()
            status, payload = request(conn, method, path, headers, body)
            times.append((time.perf_counter() - began) * 1000)
            bad += not 200 <= status < 300
            if time.perf_counter() - started > QUERY_SECONDS and len(times) >= MIN_REQUESTS:
                break
        cpu = cpu_seconds(server.process.pid) - cpu_before
    finally:
        conn.close()
    times.sort()
    status, payload = first
    try:
        parsed = json.loads(payload) if payload else None
    except ValueError:
        parsed = payload[:300].decode(errors="replace")
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, int(len(times) * 0.95))],
        "cpu_ms": cpu * 1000 / len(times),
        "non_2xx": bad,
        "status": status,
        "body": parsed,
    }


def check(result: dict, label: str, rows: int | None) -> str | None:
    """Why the measurement is not what it claims to be, or None."""
    body, status = result["body"], result["status"]
    if status != 200:
        return f"{status} {json.dumps(body)[:200]}"
    if rows is None:
        return None
    got = len(body.get("data", [])) if isinstance(body, dict) else -1
    if got != rows:
        return f"expected {rows} records on the page, got {got}"
    total = body.get("pagination", {}).get("total")
    if "count=none" in label or "no match" in label:
        if total is not None:
            return f"count=none ignored (total={total}): not implemented yet?"
    return None


def measure_stage(server: Server, headers: dict, record_id: str, at_scale: bool) -> dict:
    out = {}
    for label, path, rows in queries(record_id, at_scale):
        result = sequential(server, path, headers)
        result["problem"] = check(result, label, rows)
        body = result.pop("body")
        if isinstance(body, dict) and isinstance(body.get("pagination"), dict):
            result["total"] = body["pagination"].get("total")
        out[label] = result
    return out


def declare_indexes(server: Server, headers: dict) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    body = json.dumps({"indexes": INDEXES}).encode()
    began = time.perf_counter()
    try:
        status, payload = request(conn, "PUT", f"/v2/collections/{COLLECTION}", headers, body)
    finally:
        conn.close()
    seconds = time.perf_counter() - began
    if status in (200, 201):
        return {"ok": True, "seconds": seconds}
    absent = status in (404, 405) and b"Record" not in payload
    why = "PUT /v2/collections/{name} is not there yet" if absent else ""
    return {"ok": False, "why": f"{why} ({status} {payload[:200].decode(errors='replace')})"}


def batch_create(server: Server, headers: dict) -> dict:
    """BATCHES x POST /v2/data/batchitems/batch with BATCH_SIZE records (one unmeasured first)."""
    docs = [{"data": data_seed.document(i, SMALL, _rng(i))} for i in range(BATCH_SIZE)]
    body = json.dumps({"records": docs}).encode()
    result = sequential(
        server, "/v2/data/batchitems/batch", headers, method="POST", body=body, n=BATCHES
    )
    payload = result.pop("body")
    if result["status"] in (404, 405):
        result["problem"] = f"POST /v2/data/{{c}}/batch is not there yet ({result['status']})"
    elif result["status"] != 200 or not isinstance(payload, dict):
        result["problem"] = f"{result['status']} {json.dumps(payload)[:300]}"
    elif payload.get("created") != BATCH_SIZE:
        result["problem"] = (
            f"created {payload.get('created')} of {BATCH_SIZE}: {payload.get('errors', [])[:2]}"
        )
    else:
        result["problem"] = None
    return result


def _rng(i: int):
    import random

    return random.Random(i)  # noqa: S311 - benchmark data


# plans ------------------------------------------------------------------------------------------


def explain(env: dict, org: str) -> dict:
    spec = {
        "org": org,
        "collection": COLLECTION,
        "queries": [
            {"label": "category eq", "filter": CATEGORY, "count": "exact"},
            {"label": "price range", "filter": PRICE, "count": "exact"},
            {"label": "color eq (no index)", "filter": COLOR, "count": "none"},
        ],
    }
    plan_env = {**env, "PYTHONPATH": str(CHARTER_ROOT)}
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "data_plans.py"), json.dumps(spec)],
        env=plan_env,
        cwd=CHARTER_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": f"exit {out.returncode}: {out.stderr.strip()[-600:]}"}


def declared_indexes(dialect: str, target: str) -> list[str]:
    if dialect == "sqlite":
        with contextlib.closing(sqlite3.connect(target)) as conn:
            query = (
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_records_f_%'"
            )
            return sorted(r[0] for r in conn.execute(query))
    with psycopg.connect(target) as conn:
        query = "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_records_f_%'"
        return sorted(r[0] for r in conn.execute(query))


# one dialect ------------------------------------------------------------------------------------


def seed(dialect: str, target: str, org: str, start: int, count: int) -> dict:
    print(f"  {dialect}: writing {count:,} records ...", file=sys.stderr, flush=True)
    if dialect == "sqlite":
        loaded, total = data_seed.seed_sqlite(target, org, COLLECTION, start, count, SMALL)
    else:
        loaded, total = data_seed.seed_postgres(target, org, COLLECTION, start, count, SMALL)
    return {"records": count, "seconds": loaded, "with_analyze": total}


def scale(dialect: str, work: Path) -> dict:
    """The whole scale run on one dialect; every failure is caught and reported."""
    out: dict = {"dialect": dialect}
    name = f"charter_bench_data_{os.getpid()}"
    server = None
    try:
        env = charter_env(str(work), name)
        if dialect == "sqlite":
            target = str(work / "data.db")
            env["CHARTER_DATABASE_URL"] = f"sqlite:///{target}"
        else:
            create_database(name)
            target = database_url(name)
        creds = data_seed.prepare(env, dialect, target)
        org = creds["organization_id"]
        headers = {"X-API-Key": creds["api_key"], "Content-Type": "application/json"}
        server = uvicorn(f"charter-data-{dialect}", "charter.asgi:app", env, CHARTER_ROOT, work)
        wait_ready(server, "/v1/health/live")
        record_id = data_seed.sample_id(org, COLLECTION, SMALL // 2, SMALL)
        out["seed_small"] = seed(dialect, target, org, 0, SMALL)
        out["declare"] = declare_indexes(server, headers)
        out["indexes"] = declared_indexes(dialect, target)
        out["small"] = measure_stage(server, headers, record_id, at_scale=False)
        out["seed_large"] = seed(dialect, target, org, SMALL, TOTAL - SMALL)
        out["large"] = measure_stage(server, headers, record_id, at_scale=True)
        out["plans"] = explain(env, org)
        out["batch"] = batch_create(server, headers)
    except Exception as exc:  # noqa: BLE001 - reported; the other parts still run
        tail = server.log_tail() if server else ""
        out["error"] = f"{type(exc).__name__}: {exc}\n{tail}"
    finally:
        if server is not None:
            stop(server)
        if dialect != "sqlite":
            drop_database(name)
    return out


def drop_stale() -> None:
    """Databases left by a data bench that was killed (their pid is gone)."""
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        query = (
            "SELECT datname FROM pg_database WHERE datname ~ '^charter_bench_data_[a-z_]*[0-9]+$'"
        )
        names = [r[0] for r in conn.execute(query)]
    for name in names:
        if not Path(f"/proc/{name.rsplit('_', 1)[1]}").exists():
            drop_database(name)


def main() -> int:
    if os.environ.get("BENCH_DATA", "1") == "0":
        print("data benchmarks skipped (BENCH_DATA=0)")
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from bench import data_parse

    started = time.time()
    results: dict = {"scale": []}
    with tempfile.TemporaryDirectory(prefix="charter-bench-data-") as var:
        drop_stale()
        for dialect in DIALECTS:
            work = Path(var) / dialect
            work.mkdir()
            results["scale"].append(scale(dialect, work))
        results["parse"] = data_parse.compare(Path(var))
    data_report.report(results, SMALL, TOTAL, time.time() - started)
    failed = [r for r in results["scale"] if "error" in r]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
