"""`make bench`'s webhook part (issue 9, "Speed and scale"), after bench/run.py and
bench/data_scale.py, or alone: `python -m bench.webhooks`. BENCH_WEBHOOKS=0 skips it.

For each dialect (a SQLite file in a temporary directory, and charter_bench_webhooks_<pid> on
BENCH_PG_URL's server, dropped at the end): one Charter API process (`uvicorn charter.asgi:app`,
as bench/run.py starts it: no embedded worker), one `charter worker` process, and a receiver
process on 127.0.0.1 (this module run as `python -m bench.webhooks receive`: asyncio, answers
`/fast/...` at once and `/slow/...` after BENCH_WEBHOOKS_SLOW_SECONDS, 5 s). Each target is a
ratio against a baseline measured in the same run, or an absolute figure:

1. Request-path cost of a write: POST /v2/data/bench under load (bench/loadgen.py, BENCH_SECONDS,
   BENCH_CONNECTIONS, BENCH_ROUNDS rounds, alternated) with no endpoint, then with 5 endpoints
   subscribed to `record.created` on that collection (registered before the run, disabled and
   deleted after it), while the worker delivers. Requests/s and the API process's CPU ms per
   request; target: throughput with 5 endpoints >= 0.9x throughput with none.
2. Deliveries per second per worker: BENCH_WEBHOOKS_EVENTS (3,000) records are created (batch
   API) while no worker runs, then the worker is started and the receiver's arrivals timed from
   the first to the last (for at most 60 s). Target >= 300/s. Then the same beside an endpoint
   whose receiver takes 5 s per request (subscribed to the same events): the fast endpoint's
   rate must stay >= 0.8x the rate alone.
3. End-to-end latency at rest: BENCH_WEBHOOKS_LATENCY_SAMPLES (50) single writes, one at a
   time with the worker idle, each timed from the moment its POST is sent (so the commit is
   inside the interval) until the receiver has its delivery. Target: p50 < 200 ms.

Environment: BENCH_WEBHOOKS (1), BENCH_WEBHOOKS_DIALECTS (sqlite,postgresql),
BENCH_WEBHOOKS_EVENTS (3000), BENCH_WEBHOOKS_SLOW_SECONDS (5), BENCH_WEBHOOKS_LATENCY_SAMPLES
(50), and bench/run.py's BENCH_PG_URL, BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS,
BENCH_CHARTER_ROOT. Numbers on a shared machine are noisy.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import psycopg

from bench import data_seed
from bench.harness import (
    CHARTER_ROOT,
    CONNECTIONS,
    INHERITED_PATH,
    PG_URL,
    ROOT,
    ROUNDS,
    SECONDS,
    Server,
    create_database,
    database_url,
    drop_database,
    free_port,
    postgres_version,
    run_loadgen,
    spawn,
    stop,
    summarise,
    uvicorn,
    wait_ready,
)
from bench.loadgen import cpu_seconds
from bench.systems import charter_env

DIALECTS = [
    d.strip() for d in os.environ.get("BENCH_WEBHOOKS_DIALECTS", "sqlite,postgresql").split(",")
]
EVENTS = int(os.environ.get("BENCH_WEBHOOKS_EVENTS", "3000"))
SLOW_SECONDS = float(os.environ.get("BENCH_WEBHOOKS_SLOW_SECONDS", "5"))
LATENCY_SAMPLES = int(os.environ.get("BENCH_WEBHOOKS_LATENCY_SAMPLES", "50"))
SUBSCRIBED = 5
BATCH = 1000
DRAIN_SECONDS = 60  # the most a throughput phase waits for its deliveries
WRITE_BODY = json.dumps({"data": {"name": "Widget", "price": 29.99}})

WRITE_RATIO = 0.9  # write throughput with 5 endpoints against none
RATE = 300.0  # deliveries per second per worker
BESIDE_SLOW = 0.8  # the fast endpoint's rate beside a slow one against alone
LATENCY_P50_MS = 200.0


# the receiver (its own process) ------------------------------------------------------------------


class Receiver:
    """HTTP/1.1 on asyncio: POST /fast/... answered 204 at once, /slow/... after SLOW_SECONDS;
    every arrival timed per path. GET /stats: {path: {count, first, last}}; GET
    /arrivals?path=P: [[arrival time, record id], ...] of that path."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.bodies: dict[str, list[bytes]] = {}

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                arrived = time.time()
                lines = head.split(b"\r\n")
                method, target = lines[0].split(b" ")[:2]
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length) if length else b""
                path = target.decode()
                if method == b"GET":
                    payload = json.dumps(self.report(path)).encode()
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
                        + payload
                    )
                else:
                    self.times.setdefault(path, []).append(arrived)
                    self.bodies.setdefault(path, []).append(body)
                    if path.startswith("/slow"):
                        await asyncio.sleep(SLOW_SECONDS)
                    writer.write(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    def report(self, target: str) -> object:
        parts = urlsplit(target)
        if parts.path == "/arrivals":
            path = parse_qs(parts.query).get("path", [""])[0]
            times, bodies = self.times.get(path, []), self.bodies.get(path, [])
            return [
                [t, json.loads(b)["data"].get("record_id")]
                for t, b in zip(times, bodies, strict=True)
            ]
        return {
            path: {"count": len(times), "first": times[0], "last": times[-1]}
            for path, times in self.times.items()
        }


async def receive(port: int) -> None:
    server = await asyncio.start_server(Receiver().handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


# the systems ------------------------------------------------------------------------------------


class Bench:
    """One dialect's processes, its tenant, and HTTP helpers."""

    def __init__(self, env: dict, work: Path, creds: dict) -> None:
        self.env, self.work = env, work
        self.key = creds["api_key"]
        self.api: Server | None = None
        self.worker: Server | None = None
        self.receiver: Server | None = None
        self.http = httpx.Client(timeout=60)

    @property
    def headers(self) -> dict:
        return {"X-API-Key": self.key}

    def start(self) -> None:
        local = {
            **self.env,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), INHERITED_PATH])),
        }
        port = free_port()
        argv = [sys.executable, "-m", "bench.webhooks", "receive", "--port", str(port)]
        self.receiver = spawn("receiver", argv, local, ROOT, port, self.work)
        wait_ready(self.receiver, "/stats")
        self.api = uvicorn(
            "charter-webhooks", "charter.asgi:app", self.env, CHARTER_ROOT, self.work
        )
        wait_ready(self.api, "/v1/health/live")

    def start_worker(self) -> Server:
        argv = [sys.executable, "-m", "charter.cli", "worker"]
        self.worker = spawn("worker", argv, self.env, CHARTER_ROOT, 0, self.work)
        return self.worker

    def stop_worker(self) -> None:
        if self.worker is not None:
            stop(self.worker)
            self.worker = None

    def close(self) -> None:
        self.stop_worker()
        for server in (self.api, self.receiver):
            if server is not None:
                stop(server)
        self.http.close()

    def call(self, method: str, path: str, expect: int, body: object = None) -> dict:
        assert self.api is not None
        response = self.http.request(method, self.api.base + path, json=body, headers=self.headers)
        if response.status_code != expect:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else {}

    def register(self, path: str, collection: str) -> str:
        assert self.receiver is not None
        body = {
            "url": f"{self.receiver.base}{path}",
            "events": ["record.created"],
            "collections": [collection],
        }
        return str(self.call("POST", "/v2/webhooks", 201, body)["id"])

    def remove(self, webhook_ids: list[str]) -> None:
        """Disable, let attempts in flight settle, then delete (with their deliveries)."""
        for webhook_id in webhook_ids:
            self.call("PATCH", f"/v2/webhooks/{webhook_id}", 200, {"status": "disabled"})
        time.sleep(1.0)
        for webhook_id in webhook_ids:
            self.call("DELETE", f"/v2/webhooks/{webhook_id}", 204)

    def create_many(self, collection: str, count: int) -> None:
        for start in range(0, count, BATCH):
            n = min(BATCH, count - start)
            records = [{"data": {"name": f"Item {start + i}", "n": start + i}} for i in range(n)]
            answer = self.call("POST", f"/v2/data/{collection}/batch", 200, {"records": records})
            if answer.get("created") != n:
                raise RuntimeError(f"batch created {answer.get('created')} of {n}")

    def stats(self) -> dict:
        assert self.receiver is not None
        return dict(self.http.get(self.receiver.base + "/stats").json())

    def arrivals(self, path: str) -> list:
        assert self.receiver is not None
        return list(self.http.get(self.receiver.base + "/arrivals", params={"path": path}).json())


# the phases -------------------------------------------------------------------------------------


def write_cost(bench: Bench) -> dict:
    """POST /v2/data/bench under load, no endpoint against SUBSCRIBED endpoints, alternated."""
    assert bench.api is not None
    bench.start_worker()
    path, headers = "/v2/data/bench", [f"X-API-Key: {bench.key}"]

    def load(seconds: float) -> dict:
        return run_loadgen(bench.api, "POST", path, headers, WRITE_BODY, seconds, CONNECTIONS)

    load(1.0)  # warm-up
    runs: dict[str, list[dict]] = {"none": [], "subscribed": []}
    worker_cpu: dict[str, list[float]] = {"none": [], "subscribed": []}
    for round_ in range(ROUNDS):
        print(f"    write cost: round {round_ + 1} of {ROUNDS}", file=sys.stderr, flush=True)
        for arm in ("none", "subscribed"):
            ids = []
            if arm == "subscribed":
                ids = [bench.register(f"/fast/w{i}", "bench") for i in range(SUBSCRIBED)]
            assert bench.worker is not None
            before = cpu_seconds(bench.worker.process.pid) or 0.0
            result = load(SECONDS)
            worker_cpu[arm].append(
                ((cpu_seconds(bench.worker.process.pid) or 0.0) - before) / result["seconds"]
            )
            runs[arm].append(result)
            if ids:
                bench.remove(ids)
    bench.stop_worker()
    out = {arm: summarise(r) for arm, r in runs.items()}
    for arm in out:
        out[arm]["worker_cpu"] = statistics.median(worker_cpu[arm])
    delivered = sum(v["count"] for k, v in bench.stats().items() if k.startswith("/fast/w"))
    out["delivered"] = delivered
    return out


def drain(bench: Bench, path: str, expected: int) -> dict:
    """Start a worker and time the arrivals on `path` until `expected` came (or the bound)."""
    worker = bench.start_worker()
    cpu_before = None
    deadline = time.monotonic() + DRAIN_SECONDS
    count = 0
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            raise RuntimeError(f"charter worker exited ({worker.process.returncode})")
        if cpu_before is None and path in bench.stats():
            cpu_before = cpu_seconds(worker.process.pid)
        count = bench.stats().get(path, {}).get("count", 0)
        if count >= expected:
            break
        time.sleep(0.2)
    cpu_after = cpu_seconds(worker.process.pid)
    bench.stop_worker()
    stat = bench.stats().get(path)
    if not stat or stat["count"] < 2:
        return {"count": 0, "rate": 0.0, "seconds": 0.0, "complete": False}
    seconds = stat["last"] - stat["first"]
    cpu = (cpu_after or 0.0) - (cpu_before or 0.0)
    return {
        "count": stat["count"],
        "seconds": seconds,
        "rate": (stat["count"] - 1) / seconds if seconds > 0 else float("inf"),
        "complete": stat["count"] >= expected,
        "worker_cpu_ms": cpu * 1000 / stat["count"],
    }


def throughput(bench: Bench) -> dict:
    """The fast endpoint's rate alone, then beside a slow endpoint (same backlog size)."""
    out = {}
    for arm, slow in (("alone", False), ("beside_slow", True)):
        print(f"    throughput: {arm.replace('_', ' ')}", file=sys.stderr, flush=True)
        collection = f"rate_{arm}"
        fast = f"/fast/{arm}"
        ids = [bench.register(fast, collection)]
        if slow:
            ids.append(bench.register(f"/slow/{arm}", collection))
        bench.create_many(collection, EVENTS)  # no worker runs: the backlog waits
        out[arm] = drain(bench, fast, EVENTS)
        if slow:
            out[arm]["slow_count"] = bench.stats().get(f"/slow/{arm}", {}).get("count", 0)
        bench.remove(ids)
    return out


def latency(bench: Bench) -> dict:
    """Single writes at rest, each timed from its POST until the receiver has it."""
    assert bench.api is not None
    path = "/fast/latency"
    ids = [bench.register(path, "latency")]
    bench.start_worker()
    time.sleep(2.0)  # the worker is up and idle
    sent: dict[str, float] = {}
    rng = random.Random(9)  # noqa: S311 - timing jitter, not a secret
    for _ in range(LATENCY_SAMPLES):
        time.sleep(rng.uniform(0.05, 0.25))  # not in step with the worker's poll
        began = time.time()
        record = bench.call("POST", "/v2/data/latency", 201, json.loads(WRITE_BODY))
        sent[record["id"]] = began
        deadline = time.monotonic() + 5
        while bench.stats().get(path, {}).get("count", 0) < len(sent):
            if time.monotonic() > deadline:
                break
            time.sleep(0.005)
    bench.stop_worker()
    arrived = {record_id: at for at, record_id in bench.arrivals(path)}
    bench.remove(ids)
    samples = sorted((arrived[r] - t) * 1000 for r, t in sent.items() if r in arrived)
    if not samples:
        return {"n": 0, "missing": len(sent)}
    return {
        "n": len(samples),
        "missing": len(sent) - len(samples),
        "p50": statistics.median(samples),
        "p95": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
        "max": samples[-1],
    }


# one dialect ------------------------------------------------------------------------------------


def run_dialect(dialect: str, work: Path) -> dict:
    """Every phase on one dialect; a failure is caught and reported."""
    out: dict = {"dialect": dialect}
    name = f"charter_bench_webhooks_{os.getpid()}"
    bench = None
    try:
        env = charter_env(str(work), name)
        env["CHARTER_ALLOW_PRIVATE_OUTBOUND"] = "true"  # the receiver is on 127.0.0.1
        if dialect == "sqlite":
            target = str(work / "webhooks.db")
            env["CHARTER_DATABASE_URL"] = f"sqlite:///{target}"
        else:
            create_database(name)
            target = database_url(name)
        print(f"  {dialect}: preparing ...", file=sys.stderr, flush=True)
        creds = data_seed.prepare(env, dialect, target)
        bench = Bench(env, work, creds)
        bench.start()
        out["write"] = write_cost(bench)
        out["throughput"] = throughput(bench)
        out["latency"] = latency(bench)
    except Exception as exc:  # noqa: BLE001 - reported; the other dialect still runs
        tails = []
        if bench is not None:
            for server in (bench.api, bench.worker, bench.receiver):
                if server is not None:
                    tails.append(f"  [{server.name}]\n{server.log_tail()}")
        out["error"] = f"{type(exc).__name__}: {exc}\n" + "\n".join(tails)
    finally:
        if bench is not None:
            bench.close()
        if dialect != "sqlite":
            drop_database(name)
    return out


# report -----------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(results: list[dict], elapsed: float) -> None:
    print()
    print("=" * 100)
    print(
        textwrap.fill(
            "Webhooks (issue 9): one Charter API process (uvicorn), one `charter worker` process "
            "and an asyncio receiver, all on 127.0.0.1, on SQLite "
            f"{sqlite3.sqlite_version} and PostgreSQL {_pg_version()}; {os.cpu_count()} CPUs "
            "shared by all of them, the load generator and PostgreSQL: the numbers are noisy.",
            100,
            subsequent_indent="  ",
        )
    )
    for run in results:
        dialect_report(run)
    print(f"\n(webhook part: {elapsed:.0f} s)")


def _pg_version() -> str:
    try:
        return postgres_version()
    except Exception:  # noqa: BLE001
        return "?"


def dialect_report(run: dict) -> None:
    print(f"\n{'SQLite' if run['dialect'] == 'sqlite' else 'PostgreSQL'}")
    lines: list[str] = []
    write = run.get("write")
    if write:
        print(
            f"  POST /v2/data/bench, {CONNECTIONS} connections, {ROUNDS} x {SECONDS:g} s per arm "
            "(medians), the worker delivering meanwhile:"
        )
        print(
            f"    {'endpoints':12s} {'req/s':>8s} {'API CPU ms/req':>15s} {'p50 ms':>8s} "
            f"{'p99 ms':>8s} {'worker CPU':>11s}  errors"
        )
        for arm, label in (("none", "none"), ("subscribed", str(SUBSCRIBED))):
            s = write[arm]
            print(
                f"    {label:12s} {s['rps']:8.0f} {s['cpu_ms']:15.2f} {s['p50_ms']:8.1f} "
                f"{s['p99_ms']:8.1f} {s['worker_cpu']:10.2f}x  {s['errors']}"
            )
        delivered = write["delivered"]
        print(f"    deliveries made to the {SUBSCRIBED} endpoints meanwhile: {delivered:,}")
        ratio = write["subscribed"]["rps"] / write["none"]["rps"]
        cpu = write["none"]["cpu_ms"] / write["subscribed"]["cpu_ms"]
        clean = not (write["none"]["errors"] or write["subscribed"]["errors"])
        lines.append(
            f"    {verdict(ratio >= WRITE_RATIO and clean)} write throughput with {SUBSCRIBED} "
            f"subscribed endpoints: {ratio:.2f}x none (target >= {WRITE_RATIO}x; API CPU per "
            f"request {cpu:.2f}x)"
        )
    rates = run.get("throughput")
    if rates:
        print(f"  Deliveries from a backlog of {EVENTS:,} events, one worker:")
        for arm, label in (("alone", "alone"), ("beside_slow", f"beside a {SLOW_SECONDS:g} s one")):
            r = rates[arm]
            extra = f", slow endpoint got {r['slow_count']}" if "slow_count" in r else ""
            print(
                f"    {label:20s} {r['count']:6,} in {r['seconds']:6.2f} s = {r['rate']:7.1f}/s, "
                f"worker CPU {r.get('worker_cpu_ms', float('nan')):.2f} ms per delivery{extra}"
                + ("" if r["complete"] else "  (INCOMPLETE)")
            )
        alone, beside = rates["alone"], rates["beside_slow"]
        lines.append(
            f"    {verdict(alone['rate'] >= RATE and alone['complete'])} deliveries per second "
            f"per worker: {alone['rate']:.0f}/s (target >= {RATE:.0f}/s)"
        )
        ratio = beside["rate"] / alone["rate"] if alone["rate"] else 0.0
        lines.append(
            f"    {verdict(ratio >= BESIDE_SLOW)} beside a receiver taking "
            f"{SLOW_SECONDS:g} s: {ratio:.2f}x the rate alone (target >= {BESIDE_SLOW}x)"
        )
    lat = run.get("latency")
    if lat:
        if lat["n"]:
            print(
                f"  Commit -> delivery at rest ({lat['n']} writes, from sending the POST): "
                f"p50 {lat['p50']:.0f} ms, p95 {lat['p95']:.0f} ms, max {lat['max']:.0f} ms"
                + (f", {lat['missing']} never arrived" if lat["missing"] else "")
            )
        ok = bool(lat["n"]) and not lat["missing"] and lat.get("p50", 1e9) < LATENCY_P50_MS
        p50 = f"{lat['p50']:.0f} ms" if lat["n"] else "nothing arrived"
        lines.append(
            f"    {verdict(ok)} end-to-end latency at rest: p50 {p50} "
            f"(target < {LATENCY_P50_MS:.0f} ms)"
        )
    if "error" in run:
        print(f"  FAILED: {run['error']}")
    if lines:
        print("  Targets:")
        print("\n".join(lines))


# main -------------------------------------------------------------------------------------------


def drop_stale() -> None:
    """Databases left by a webhook bench that was killed (their pid is gone)."""
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        query = "SELECT datname FROM pg_database WHERE datname ~ '^charter_bench_webhooks_[0-9]+$'"
        names = [r[0] for r in conn.execute(query)]
    for name in names:
        if not Path(f"/proc/{name.rsplit('_', 1)[1]}").exists():
            drop_database(name)


def main(argv: list[str]) -> int:
    if argv[:1] == ["receive"]:
        asyncio.run(receive(int(argv[argv.index("--port") + 1])))
        return 0
    if os.environ.get("BENCH_WEBHOOKS", "1") == "0":
        print("webhook benchmarks skipped (BENCH_WEBHOOKS=0)")
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    results = []
    with tempfile.TemporaryDirectory(prefix="charter-bench-webhooks-") as var:
        if "postgresql" in DIALECTS:
            drop_stale()
        for dialect in DIALECTS:
            work = Path(var) / dialect
            work.mkdir()
            results.append(run_dialect(dialect, work))
    report(results, time.time() - started)
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
