"""`make bench`: Charter, a plain baseline on Charter's storage layer, and Parse Server 9, one
server process each on 127.0.0.1, all on PostgreSQL, measured in ONE run with the systems alternated
(A, B, C, A, B, C ... for BENCH_ROUNDS rounds; medians reported) for three operations:

  GET by id    Charter GET /v1/organizations/{id}   Parse GET /parse/classes/Item/{objectId}
  create       Charter POST /v1/organizations       Parse POST /parse/classes/Item
  list of 20   Charter GET /v1/keys?limit=20        Parse GET /parse/classes/Item?limit=20

For each: requests/s and the server's CPU ms per request (utime + stime of the server process
from /proc/<pid>/stat, read by the load generator when its clock starts and after the last
response, divided by the responses it got). Then GET /v1/health/live on Charter against a trivial
connexion.AsyncApp (bench/trivial_app.py), and, unless BENCH_LOGIN=0, logins against the
password-hash bound.

The load comes from bench/loadgen.py in a separate process (closed loop, keep-alive). Temporary
databases (charter_bench_<pid>, charter_bench_parse_<pid>) are created on BENCH_PG_URL's server
and dropped at the end; servers are stopped at the end and die with this process.

Environment: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (32), BENCH_WARMUP (1 s),
BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432/postgres), BENCH_PARSE (1; 0 skips Parse),
BENCH_PARSE_DIR (~/.cache/charter-bench/parse: npm installs parse-server@9 there),
BENCH_LOGIN (1; 0 skips the login part), BENCH_REDIS_URL (unset: Charter's in-process rate
limiter, as a single process runs by default), BENCH_CHARTER_ROOT (serve Charter from another
checkout; default: this one).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import (  # noqa: F401 - re-exported: bench/data_*.py import them from here
    APP_ID,
    CHARTER_ROOT,
    CONNECTIONS,
    INHERITED_PATH,
    LABELS,
    MASTER_KEY,
    OPERATIONS,
    PASSWORD,
    PLAN,
    PLAN_PER_MINUTE,
    REST_KEY,
    ROOT,
    ROUNDS,
    SECONDS,
    SEEDED,
    WARMUP,
    WITH_LOGIN,
    WITH_PARSE,
    Server,
    create_database,
    database_url,
    drop_database,
    drop_stale_databases,
    free_port,
    load,
    loadgen_argv,
    postgres_version,
    run_loadgen,
    spawn,
    stop,
    summarise,
    uvicorn,
    wait_ready,
)
from bench.logins import login_scenarios, print_logins
from bench.systems import (  # noqa: F401 - re-exported as above
    charter_cli,
    charter_env,
    charter_ops,
    install_parse,
    precheck,
    prepare_charter,
    seed_charter,
    seed_parse,
    start_parse,
)

# report -----------------------------------------------------------------------------------------


def row(label: str, name: str, s: dict | None, why: str = "") -> str:
    if s is None:
        return f"  {label:20s} {name:9s}  not measured: {why}"
    errors = f"{s['errors']}" + (f" {s['statuses']}" if s["errors"] else "")
    return (
        f"  {label:20s} {name:9s} {s['rps']:8.0f} {s['cpu_ms']:10.2f} {s['server_cpu']:8.2f} "
        f"{s['p50_ms']:8.1f} {s['p99_ms']:8.1f}   {errors}"
    )


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


@dataclass
class Session:
    """One bench run: its servers, what failed to start, and what was measured."""

    work: Path
    servers: dict[str, Server] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    results: dict[str, dict[str, dict]] = field(default_factory=dict)
    parse_version: str | None = None
    logins: dict | None = None


def start_servers(run: Session, env: dict, charter_db: str, parse_db: str) -> dict:
    """Parse (unless BENCH_PARSE=0), Charter, the baseline and the trivial app; the ops of each."""
    creds = prepare_charter(env, charter_db)
    if WITH_PARSE:
        try:
            run.parse_version = install_parse()
            create_database(parse_db)
            run.servers["Parse"] = start_parse(parse_db, run.work)
        except Exception as exc:  # noqa: BLE001 - reported, the rest still runs
            run.failures["Parse"] = str(exc)
    run.servers["Charter"] = uvicorn("charter", "charter.asgi:app", env, CHARTER_ROOT, run.work)
    # The baseline and the trivial app run this checkout's code (storage layer included).
    local = {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), INHERITED_PATH]))}
    run.servers["baseline"] = uvicorn("baseline", "bench.baseline_app:app", local, ROOT, run.work)
    run.servers["trivial"] = uvicorn("trivial", "bench.trivial_app:app", local, ROOT, run.work)
    return creds


def prepare_servers(run: Session, creds: dict) -> None:
    """Wait for each server, seed it and check each operation once; drop what fails."""
    ops = charter_ops(creds)
    key = {"X-API-Key": creds["api_key"]}
    ready = {
        "Charter": ("/v1/health/live", None),
        "baseline": (ops["get"][1], key),
        "trivial": ("/v1/health/live", None),
        "Parse": ("/parse/health", None),
    }
    for name, server in list(run.servers.items()):
        try:
            wait_ready(server, *ready[name])
            if name == "Charter":
                seed_charter(server, creds)
                server.ops = dict(ops)
            elif name == "baseline":
                server.ops = {k: v for k, v in ops.items() if k != "health"}
            elif name == "trivial":
                server.ops = {"health": ops["health"]}
            else:
                server.ops = seed_parse(server)
            precheck(server)
        except Exception as exc:  # noqa: BLE001
            run.failures[name] = f"{exc}\n{server.log_tail()}"
            stop(server)
            del run.servers[name]


def measure(run: Session) -> None:
    """Warm up, then ROUNDS rounds of every operation with the systems alternated."""
    order = [n for n in ("Charter", "baseline", "Parse", "trivial") if n in run.servers]
    print(
        f"warming up, then {ROUNDS} rounds x {len(OPERATIONS)} operations, "
        f"{SECONDS:g} s per run ...",
        file=sys.stderr,
        flush=True,
    )
    for op in OPERATIONS:
        for name in order:
            if op in run.servers[name].ops:
                with contextlib.suppress(subprocess.SubprocessError, ValueError):
                    load(run.servers[name], op, WARMUP)
    runs: dict[str, dict[str, list]] = {n: {} for n in order}
    for _ in range(ROUNDS):
        for op in OPERATIONS:
            for name in order:  # A, B, C, A, B, C ...
                server = run.servers[name]
                if op not in server.ops:
                    continue
                try:
                    runs[name].setdefault(op, []).append(load(server, op, SECONDS))
                except (subprocess.SubprocessError, ValueError) as exc:
                    server.broken[op] = f"load run failed: {exc}\n{server.log_tail()}"
                    server.ops.pop(op)
                    runs[name].pop(op, None)
    run.results = {n: {op: summarise(r) for op, r in per.items()} for n, per in runs.items()}


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    charter_db, parse_db = f"charter_bench_{os.getpid()}", f"charter_bench_parse_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="charter-bench-") as var:
        run = Session(Path(var))
        try:
            pg = postgres_version()
            drop_stale_databases()
            create_database(charter_db)
            env = charter_env(var, charter_db)
            creds = start_servers(run, env, charter_db, parse_db)
            prepare_servers(run, creds)
            measure(run)
            if WITH_LOGIN and "Charter" in run.servers:
                try:
                    run.logins = login_scenarios(run.servers["Charter"], creds, env)
                except Exception as exc:  # noqa: BLE001
                    run.logins = {"failed": f"{exc}"}
        finally:
            for server in run.servers.values():
                stop(server)
            drop_database(charter_db)
            drop_database(parse_db)
    report(run, pg, time.time() - started)
    return 0 if run.results.get("Charter") else 1


def report(run: Session, pg: str, elapsed: float) -> None:
    describe(run, pg)
    table(run)
    targets(run)
    if run.logins is not None:
        print_logins(run.logins)
    print(f"\n(total {elapsed:.0f} s)")


def describe(run: Session, pg: str) -> None:
    """What was measured and how, before the numbers."""
    limit_seen = run.servers["Charter"].rate_limit if "Charter" in run.servers else None
    paragraphs = [
        f"Charter vs plain baseline vs Parse Server {run.parse_version or '9 (not run)'}, "
        f"PostgreSQL {pg}, one server process each on 127.0.0.1. {CONNECTIONS} keep-alive "
        f"connections from bench/loadgen.py (a separate process); median of {ROUNDS} runs of "
        f"{SECONDS:g} s per system and operation, systems alternated within each round; "
        f"{os.cpu_count()} CPUs shared by server, load generator and PostgreSQL.",
        "CPU ms/req: the server process's utime+stime (/proc/<pid>/stat) over the run divided by "
        "the responses; srv CPU: cores the server kept busy.",
        f"Charter: `uvicorn charter.asgi:app`; tenant on plan '{PLAN}', created by the bench "
        f"({PLAN_PER_MINUTE:,}/min, no daily cap): it never binds but the per-organization limit "
        "is checked and counted on every request ('unlimited' skips the check, 'enterprise' at "
        "1,000/min would bind); counters "
        + ("in Redis" if os.environ.get("BENCH_REDIS_URL") else "in process (no Redis)")
        + (
            f"; responses carry X-RateLimit-Limit: {limit_seen}."
            if limit_seen
            else "; WARNING: no X-RateLimit-Limit header seen on Charter's GET."
        ),
        "Baseline: bench/baseline_app.py, bare Starlette on the same storage layer, queries and "
        "rows; no Connexion, validation, middleware or rate limits.",
        "Parse: one node process (NODE_ENV=production, logLevel error), its own database, class "
        "Item {name, color, category}. Each request sends X-Parse-Application-Id, "
        "X-Parse-REST-API-Key and the X-Parse-Session-Token of a signed-up user, as a logged-in "
        "REST client does: the session is resolved (Parse caches it) and ACLs apply, like "
        "Charter's X-API-Key resolving a principal (cached for 1 s).",
        "Equivalents, Charter | Parse:",
    ]
    for text in paragraphs:
        print(textwrap.fill(text, 100, subsequent_indent="  "))
    for label, text in EQUIVALENTS:
        print(
            textwrap.fill(text, 100, initial_indent=f"  {label:11s} ", subsequent_indent=" " * 14)
        )
    print()


EQUIVALENTS = (
    (
        "GET by id",
        "GET /v1/organizations/{id} with X-API-Key | GET /parse/classes/Item/{id}: a cached "
        "credential, then one row by primary key.",
    ),
    (
        "create",
        "POST /v1/organizations {name} with the superuser key (cheap: no password hash; "
        "Charter also writes its audit row and outbox event in the same transaction) | POST "
        "/parse/classes/Item with 3 strings.",
    ),
    (
        "list of 20",
        f"GET /v1/keys?limit=20 ({SEEDED + 1} keys: plain rows, unlike /v1/users whose "
        "emails and phones are decrypted per row; Charter counts the total in the same "
        f"statement) | GET /parse/classes/Item?limit=20 ({SEEDED}+ Items).",
    ),
)


def table(run: Session) -> None:
    print(
        f"  {'operation':20s} {'system':9s} {'req/s':>8s} {'CPU ms/req':>10s} {'srv CPU':>8s} "
        f"{'p50 ms':>8s} {'p99 ms':>8s}   non-2xx"
    )
    for op in OPERATIONS:
        names = ("Charter", "trivial") if op == "health" else ("Charter", "baseline", "Parse")
        for name in names:
            if name in run.results and op in run.results[name]:
                print(row(LABELS[op], name, run.results[name][op]))
            elif name in run.failures:
                print(row(LABELS[op], name, None, run.failures[name].splitlines()[0][:150]))
            elif name in run.servers and op in run.servers[name].broken:
                print(row(LABELS[op], name, None, run.servers[name].broken[op]))
            elif name == "Parse" and not WITH_PARSE:
                print(row(LABELS[op], name, None, "BENCH_PARSE=0"))
    for name, why in run.failures.items():
        print(f"\n  {name} {'SKIPPED' if name == 'Parse' else 'failed'}: {why}")


def ratio(a: dict, b: dict, key: str) -> float:
    return a[key] / b[key] if b.get(key) else float("nan")


TARGETS = (
    ("get", "rps", 1.0, ">=", "GET by id throughput"),
    ("get", "cpu_ms", 1.0, "<=", "GET by id CPU/request"),
    ("create", "rps", 0.8, ">=", "create throughput"),
    ("list", "rps", 0.8, ">=", "list of 20 throughput"),
)


def targets(run: Session) -> None:
    charter, parse = run.results.get("Charter", {}), run.results.get("Parse", {})
    base = run.results.get("baseline", {})
    if charter and base:
        print("\nCharter / baseline (the framework's cost):")
        for op in ("get", "create", "list"):
            if op in charter and op in base:
                print(
                    f"  {LABELS[op]:11s} throughput {ratio(charter[op], base[op], 'rps'):.2f}x, "
                    f"CPU/request {ratio(charter[op], base[op], 'cpu_ms'):.2f}x"
                )
    print("\nTargets (Charter vs Parse, same run):")
    if not parse:
        why = run.failures.get("Parse", "BENCH_PARSE=0").splitlines()[0][:200]
        print(f"  SKIPPED Parse Server: {why}")
    for op, key, target, sense, label in TARGETS if parse else ():
        if op not in charter or op not in parse:
            print(f"  FAIL {label}: not measured for both")
            continue
        value = ratio(charter[op], parse[op], key)
        ok = value >= target if sense == ">=" else value <= target
        dirty = charter[op]["errors"] or parse[op]["errors"]
        digits = 0 if key == "rps" else 2
        print(
            f"  {verdict(ok and not dirty)} {label}: {value:.2f}x Parse "
            f"({charter[op][key]:.{digits}f} vs {parse[op][key]:.{digits}f}; "
            f"target {sense} {target}x)" + ("  [non-2xx responses: not valid]" if dirty else "")
        )
    trivial = run.results.get("trivial", {})
    if "health" in charter and "health" in trivial:
        value = ratio(charter["health"], trivial["health"], "cpu_ms")
        print(
            f"  {verdict(value <= 1.3)} GET /v1/health/live CPU/request: {value:.2f}x a trivial "
            f"connexion.AsyncApp route ({charter['health']['cpu_ms']:.2f} vs "
            f"{trivial['health']['cpu_ms']:.2f} ms; target within 1.3x)"
        )
    else:
        print("  FAIL GET /v1/health/live CPU/request: not measured for both")


if __name__ == "__main__":
    raise SystemExit(main())
