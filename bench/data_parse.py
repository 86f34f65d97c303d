"""Charter's /v2/data against Parse Server 9 on the same PostgreSQL (bench/data_scale.py's last
part): BENCH_DATA_RECORDS_PARSE (18,000) records loaded the same way into each (COPY straight
into the table: Charter's `records`, Parse's "Item"), then, with the systems alternated within
each of BENCH_ROUNDS rounds of BENCH_SECONDS per run (bench/loadgen.py, BENCH_CONNECTIONS
keep-alive connections, medians), as bench/run.py measures:

  GET by id   Charter GET /v2/data/items/{id}         Parse GET /parse/classes/Item/{objectId}
  create      Charter POST /v2/data/items {data}      Parse POST /parse/classes/Item
  filter      Charter GET /v2/data/items?filter=category:eq:cat-00007&limit=20 (exact count, the
              default; and with count=none, as Parse counts nothing unless asked)
              Parse GET /parse/classes/Item?where={"category":"cat-00007"}&limit=20

Each selects 200 of the 18,000 records. Indexes on `category`, made the way each system's users
make them: Charter `PUT /v2/collections/items {"indexes": ["category"]}`; Parse `PUT
/parse/schemas/Item {"indexes": {"category_1": {"category": 1}}}` with the master key (Parse's
own schema API, which runs CREATE INDEX on its PostgreSQL table). Charter's tenant is on a plan
whose limit never binds but is checked on every request; Parse is called with its REST API key
(X-Parse-Application-Id, X-Parse-REST-API-Key; the records are publicly readable, `_rperm {*}`).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg

from bench import data_seed
from bench.run import (
    APP_ID,
    CHARTER_ROOT,
    CONNECTIONS,
    MASTER_KEY,
    REST_KEY,
    ROUNDS,
    SECONDS,
    WARMUP,
    WITH_PARSE,
    Server,
    charter_env,
    create_database,
    database_url,
    drop_database,
    install_parse,
    run_loadgen,
    start_parse,
    stop,
    summarise,
    uvicorn,
    wait_ready,
)

RECORDS = int(os.environ.get("BENCH_DATA_RECORDS_PARSE", "18000"))
ENABLED = WITH_PARSE and os.environ.get("BENCH_DATA_PARSE", "1") != "0"
CATEGORY = "cat-00007"
OPS = ("get", "create", "filter", "filter_none")
LABELS = {
    "get": "GET by id",
    "create": "create",
    "filter": "category eq, limit 20",
    "filter_none": "  (Charter: count=none)",
}
NEW = {"name": "bench", "category": "cat-99999", "price": 12.5, "color": "red", "tags": ["new"]}
FIELDS = ("name", "category", "price", "color", "tags")
PARSE_ID = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


# Charter ----------------------------------------------------------------------------------------


def charter_side(db: str, work: Path, servers: dict[str, Server]) -> dict:
    create_database(db)
    env = charter_env(str(work), db)
    creds = data_seed.prepare(env, "postgresql", database_url(db))
    org = creds["organization_id"]
    data_seed.seed_postgres(database_url(db), org, "items", 0, RECORDS, RECORDS)
    server = servers["Charter"] = uvicorn(
        "charter-data-parse", "charter.asgi:app", env, CHARTER_ROOT, work
    )
    wait_ready(server, "/v1/health/live")
    key = {"X-API-Key": creds["api_key"]}
    declared = httpx.put(
        f"{server.base}/v2/collections/items",
        headers=key,
        json={"indexes": ["category"]},
        timeout=300,
    )
    if declared.status_code not in (200, 201):
        server.broken["index"] = f"index not declared: {declared.status_code} {declared.text[:200]}"
    head = [f"X-API-Key: {creds['api_key']}"]
    record_id = data_seed.sample_id(org, "items", RECORDS // 2, RECORDS)
    listing = f"/v2/data/items?filter={quote('category:eq:' + CATEGORY, safe='')}&limit=20"
    server.ops = {
        "get": ("GET", f"/v2/data/items/{record_id}", head, ""),
        "create": ("POST", "/v2/data/items", head, json.dumps({"data": NEW})),
        "filter": ("GET", listing, head, ""),
        "filter_none": ("GET", listing + "&count=none", head, ""),
    }
    return {"indexes": _indexes(database_url(db), "records")}


# Parse ------------------------------------------------------------------------------------------


def parse_schema(server: Server) -> None:
    base, app = server.base + "/parse", {"X-Parse-Application-Id": APP_ID}
    master = {**app, "X-Parse-Master-Key": MASTER_KEY}
    fields = {"name": "String", "category": "String", "price": "Number", "color": "String"}
    schema = {k: {"type": v} for k, v in fields.items()} | {"tags": {"type": "Array"}}
    with httpx.Client(timeout=120) as client:
        created = client.post(
            f"{base}/schemas/Item", headers=master, json={"className": "Item", "fields": schema}
        )
        created.raise_for_status()
        indexed = client.put(
            f"{base}/schemas/Item",
            headers=master,
            json={"className": "Item", "indexes": {"category_1": {"category": 1}}},
        )
        indexed.raise_for_status()


def parse_rows(count: int):
    """The same documents as Charter's, with Parse's columns (public read and write ACL)."""
    rng = random.Random("parse-ids")  # noqa: S311 - benchmark data
    for row in data_seed.rows("-", "items", 0, count, count):
        doc = json.loads(row[4])
        object_id = "".join(rng.choices(PARSE_ID, k=10))
        at = row[7]
        tags = json.dumps(doc["tags"])
        yield (
            object_id,
            at,
            at,
            "{*}",
            "{*}",
            doc["name"],
            doc["category"],
            doc["price"],
            doc["color"],
            tags,
        )


def parse_side(db: str, work: Path, servers: dict[str, Server]) -> dict:
    info = {"version": install_parse()}
    create_database(db)
    server = servers["Parse"] = start_parse(db, work)
    wait_ready(server, "/parse/health")
    parse_schema(server)
    columns = '"objectId", "createdAt", "updatedAt", "_rperm", "_wperm", ' + ", ".join(FIELDS)
    ids = []
    with psycopg.connect(database_url(db), autocommit=True) as conn:
        with conn.cursor().copy(f'COPY "Item" ({columns}) FROM STDIN') as copy:  # noqa: S608
            for row in parse_rows(RECORDS):
                copy.write_row(row)
                ids.append(row[0])
        conn.execute('ANALYZE "Item"')
    info["indexes"] = _indexes(database_url(db), "Item")
    head = [f"X-Parse-Application-Id: {APP_ID}", f"X-Parse-REST-API-Key: {REST_KEY}"]
    where = quote(json.dumps({"category": CATEGORY}, separators=(",", ":")), safe="")
    server.ops = {
        "get": ("GET", f"/parse/classes/Item/{ids[RECORDS // 2]}", head, ""),
        "create": ("POST", "/parse/classes/Item", head, json.dumps(NEW)),
        "filter": ("GET", f"/parse/classes/Item?where={where}&limit=20", head, ""),
    }
    return info


def _indexes(url: str, table: str) -> list[str]:
    with psycopg.connect(url) as conn:
        query = "SELECT indexname FROM pg_indexes WHERE tablename = %s ORDER BY indexname"
        return [r[0] for r in conn.execute(query, (table,))]


# measuring --------------------------------------------------------------------------------------


def precheck(server: Server) -> None:
    """One request per operation: a 2xx, and 20 rows for the filters (else not measured)."""
    for op, (method, path, headers, body) in list(server.ops.items()):
        head = dict(h.split(": ", 1) for h in headers)
        if body:
            head["Content-Type"] = "application/json"
        response = httpx.request(
            method, server.base + path, headers=head, content=body or None, timeout=60
        )
        if not 200 <= response.status_code < 300:
            server.broken[op] = f"{response.status_code} {response.text[:200]}"
        elif op.startswith("filter"):
            payload = response.json()
            rows = payload.get("data", payload.get("results"))
            if not isinstance(rows, list) or len(rows) != 20:
                server.broken[op] = f"expected 20 rows, got {response.text[:200]}"
            elif op == "filter_none" and payload.get("pagination", {}).get("total") is not None:
                server.broken[op] = "count=none ignored (a total came back): not implemented yet?"
    for op in server.broken:
        server.ops.pop(op, None)


def alternate(servers: dict[str, Server]) -> dict:
    for op in OPS:
        for server in servers.values():
            if op in server.ops:
                with contextlib.suppress(subprocess.SubprocessError, ValueError):
                    run_loadgen(server, *server.ops[op], WARMUP, CONNECTIONS)
    runs: dict[str, dict[str, list]] = {name: {} for name in servers}
    for _ in range(ROUNDS):
        for op in OPS:
            for name, server in servers.items():  # Charter, Parse, Charter, Parse ...
                if op not in server.ops:
                    continue
                try:
                    result = run_loadgen(server, *server.ops[op], SECONDS, CONNECTIONS)
                    runs[name].setdefault(op, []).append(result)
                except (subprocess.SubprocessError, ValueError) as exc:
                    server.broken[op] = f"load run failed: {exc}"
                    server.ops.pop(op)
    return {n: {op: summarise(r) for op, r in per.items() if r} for n, per in runs.items()}


def compare(work: Path) -> dict:
    """The comparison, or why it did not run."""
    if not ENABLED:
        return {"skipped": "BENCH_PARSE=0 or BENCH_DATA_PARSE=0"}
    tag = os.getpid()
    dbs = {"Charter": f"charter_bench_data_cmp_{tag}", "Parse": f"charter_bench_data_parse_{tag}"}
    servers: dict[str, Server] = {}
    out: dict = {"records": RECORDS, "info": {}, "failures": {}}
    started = time.perf_counter()
    try:
        for name, side in (("Charter", charter_side), ("Parse", parse_side)):
            folder = work / f"compare-{name.lower()}"
            folder.mkdir(exist_ok=True)
            try:
                out["info"][name] = side(dbs[name], folder, servers)
                precheck(servers[name])
            except Exception as exc:  # noqa: BLE001 - reported
                tail = servers[name].log_tail() if name in servers else ""
                out["failures"][name] = f"{type(exc).__name__}: {exc}"[:600] + f"\n{tail}"
                if name in servers:
                    stop(servers.pop(name))
        print(f"  Charter vs Parse: {ROUNDS} rounds ...", file=sys.stderr, flush=True)
        out["results"] = alternate(servers)
        out["broken"] = {n: dict(s.broken) for n, s in servers.items()}
    finally:
        for server in servers.values():
            stop(server)
        for db in dbs.values():
            drop_database(db)
    out["seconds"] = time.perf_counter() - started
    return out
