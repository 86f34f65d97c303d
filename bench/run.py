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
import ctypes
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
CHARTER_ROOT = Path(os.environ.get("BENCH_CHARTER_ROOT", str(ROOT))).resolve()
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "1"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
WITH_PARSE = os.environ.get("BENCH_PARSE", "1") != "0"
WITH_LOGIN = os.environ.get("BENCH_LOGIN", "1") != "0"
PARSE_DIR = Path(os.environ.get("BENCH_PARSE_DIR", "~/.cache/charter-bench/parse")).expanduser()
PASSWORD = "correct horse battery staple"  # noqa: S105 - a benchmark fixture
PLAN = "bench"
PLAN_PER_MINUTE = 1_000_000  # ~16,700/s: far above what one process serves, so it never binds
SEEDED = 25  # keys (Charter) and Items (Parse) behind the list of 20
APP_ID, REST_KEY = "charter-bench", "bench-rest-api-key"
MASTER_KEY = secrets.token_urlsafe(24)
INHERITED_PATH = os.environ.get("PYTHONPATH", "")

OPERATIONS = ("get", "create", "list", "health")
LABELS = {
    "get": "GET by id",
    "create": "create",
    "list": "list of 20",
    "health": "GET /v1/health/live",
}


# processes --------------------------------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_parent() -> None:
    _libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: no server outlives the bench


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    log: Path
    ops: dict = field(default_factory=dict)  # operation -> (method, path, headers, body)
    broken: dict = field(default_factory=dict)  # operation -> why it was not measured
    rate_limit: str | None = None  # X-RateLimit-Limit on the GET, if any

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return "\n".join("      " + line[:200] for line in text[-lines:])


def spawn(name: str, argv: list[str], env: dict, cwd: Path, port: int, logs: Path) -> Server:
    log = logs / f"{name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads in this process
        )
    return Server(name, process, port, log)


def uvicorn(name: str, app: str, env: dict, cwd: Path, logs: Path) -> Server:
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return spawn(name, argv, env, cwd, port, logs)


def wait_ready(server: Server, path: str, headers: dict | None = None, seconds: float = 90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"exited with code {server.process.returncode}")
        try:
            response = httpx.get(server.base + path, headers=headers, timeout=2)
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"never answered 200 on {path} within {seconds:.0f} s")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)


# load -------------------------------------------------------------------------------------------


def load(server: Server, op: str, seconds: float, connections: int = CONNECTIONS) -> dict:
    method, path, headers, body = server.ops[op]
    return run_loadgen(server, method, path, headers, body, seconds, connections)


def loadgen_argv(server, method, path, headers, body, seconds, connections) -> list[str]:
    argv = [
        sys.executable,
        str(ROOT / "bench" / "loadgen.py"),
        "--port",
        str(server.port),
        "--path",
        path,
        "--seconds",
        str(seconds),
        "--connections",
        str(connections),
        "--method",
        method,
        "--pid",
        str(server.process.pid),
    ]
    for header in headers:
        argv += ["--header", header]
    return argv + (["--body", body] if body else [])


def run_loadgen(server, method, path, headers, body, seconds, connections) -> dict:
    out = subprocess.run(
        loadgen_argv(server, method, path, headers, body, seconds, connections),
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 90,
    )
    return json.loads(out.stdout)


def summarise(runs: list[dict]) -> dict:
    """Medians over the rounds; latency percentiles from the run with the median throughput."""
    middle = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    cpu = [r["cpu_ms_per_request"] for r in runs if r["cpu_ms_per_request"] is not None]
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "cpu_ms": statistics.median(cpu) if cpu else float("nan"),
        "server_cpu": statistics.median(r["server_cpu"] or 0 for r in runs),
        "p50_ms": middle["p50_ms"],
        "p99_ms": middle["p99_ms"],
        "errors": sum(r["errors"] for r in runs),
        "statuses": {k: v for r in runs for k, v in r["statuses"].items()},
        "requests": sum(r["requests"] for r in runs),
        "rounds": len(runs),
    }


# databases --------------------------------------------------------------------------------------


def database_url(name: str, scheme: str | None = None) -> str:
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(scheme=scheme or parts.scheme, path=f"/{name}"))


def admin(statement: sql.Composable, *args) -> None:
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(statement, args or None)


def create_database(name: str) -> None:
    admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    with contextlib.suppress(psycopg.Error):
        admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def drop_stale_databases() -> None:
    """Databases left by a bench that was killed (their pid is gone)."""
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT datname FROM pg_database WHERE datname ~ '^charter_bench_(parse_)?[0-9]+$'"
            )
        ]
    for name in names:
        if not Path(f"/proc/{name.rsplit('_', 1)[1]}").exists():
            drop_database(name)


def postgres_version() -> str:
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        return conn.execute("SHOW server_version").fetchone()[0].split()[0]


# Charter and the baseline -----------------------------------------------------------------------


def charter_env(var: str, db_name: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CHARTER_REDIS_URL", "PYTHONPATH")}
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(filter(None, [str(CHARTER_ROOT), INHERITED_PATH])),
            "CHARTER_DATABASE_URL": database_url(db_name, "postgresql"),
            "CHARTER_VAR_DIR": var,
            "CHARTER_SECRET_KEY": secrets.token_urlsafe(48),
            "CHARTER_LOG_LEVEL": "WARNING",
            "CHARTER_THREADS": os.environ.get("CHARTER_THREADS", "40"),
            "CHARTER_DB_POOL_SIZE": os.environ.get("CHARTER_DB_POOL_SIZE", "20"),
            # The benchmark measures the work, not the per-IP limits or the lockout; the checks
            # still run (limits far above what is sent).
            "CHARTER_AUTH_RATE_LIMIT": "100000000/minute",
            "CHARTER_ANONYMOUS_RATE_LIMIT": "100000000/minute",
            "CHARTER_LOCKOUT_THRESHOLD": "100000000",
        }
    )
    if os.environ.get("BENCH_REDIS_URL"):
        env["CHARTER_REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    return env


def charter_cli(args: list[str], env: dict) -> str:
    script = Path(sys.executable).parent / "charter"
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "charter.cli"]
    out = subprocess.run(
        argv + args, env=env, cwd=CHARTER_ROOT, capture_output=True, text=True, timeout=180
    )
    if out.returncode != 0:
        raise RuntimeError(f"charter {args[0]} failed ({out.returncode}): {out.stderr[-1500:]}")
    return out.stdout


def prepare_charter(env: dict, db_name: str) -> dict:
    """Schema, a plan with a limit that never binds (its check still runs), the tenant."""
    charter_cli(["migrate"], env)
    with psycopg.connect(database_url(db_name), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO plans (name, requests_per_minute, requests_per_day, description) "
            "VALUES (%s, %s, NULL, %s) ON CONFLICT (name) DO NOTHING",
            (PLAN, PLAN_PER_MINUTE, "Benchmark: 1,000,000/min, checked on every request"),
        )
    out = charter_cli(
        [
            "bootstrap",
            "--org",
            "Bench",
            "--username",
            "bench",
            "--email",
            "bench@example.com",
            "--password",
            PASSWORD,
            "--plan",
            PLAN,
            "--superuser",  # the bench creates organizations: an operator's call
        ],
        env,
    )
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def charter_ops(creds: dict) -> dict:
    key = [f"X-API-Key: {creds['api_key']}"]
    return {
        "get": ("GET", f"/v1/organizations/{creds['organization_id']}", key, ""),
        "create": ("POST", "/v1/organizations", key, json.dumps({"name": "Bench org"})),
        "list": ("GET", "/v1/keys?limit=20", key, ""),
        "health": ("GET", "/v1/health/live", [], ""),
    }


def seed_charter(server: Server, creds: dict) -> None:
    headers = {"X-API-Key": creds["api_key"]}
    for i in range(SEEDED):
        response = httpx.post(
            f"{server.base}/v1/keys",
            headers=headers,
            json={"name": f"bench-{i}", "scopes": ["users:read"]},
            timeout=30,
        )
        if response.status_code != 201:
            raise RuntimeError(f"POST /v1/keys: {response.status_code} {response.text[:300]}")


# Parse Server -----------------------------------------------------------------------------------


def parse_version() -> str | None:
    try:
        package = json.loads((PARSE_DIR / "node_modules/parse-server/package.json").read_text())
    except (OSError, ValueError):
        return None
    return package.get("version")


def install_parse() -> str:
    """parse-server 9.x in PARSE_DIR (outside the repository), installed once with npm."""
    version = parse_version()
    if version and version.startswith("9."):
        return version
    for tool in ("node", "npm"):
        if subprocess.run(["which", tool], capture_output=True).returncode != 0:
            raise RuntimeError(f"{tool} not found")
    PARSE_DIR.mkdir(parents=True, exist_ok=True)
    if not (PARSE_DIR / "package.json").exists():
        (PARSE_DIR / "package.json").write_text('{"name": "charter-bench-parse", "private": true}')
    print(f"installing parse-server@9 into {PARSE_DIR} ...", file=sys.stderr, flush=True)
    out = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "parse-server@9"],
        cwd=PARSE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    version = parse_version()
    if out.returncode != 0 or not version or not version.startswith("9."):
        raise RuntimeError(f"npm install parse-server@9 failed: {out.stderr.strip()[-500:]}")
    return version


def start_parse(db_name: str, work: Path) -> Server:
    port = free_port()
    config = {
        "appId": APP_ID,
        "masterKey": MASTER_KEY,
        "restAPIKey": REST_KEY,
        "databaseURI": database_url(db_name, "postgres"),
        "port": port,
        "host": "127.0.0.1",
        "mountPath": "/parse",
        "serverURL": f"http://127.0.0.1:{port}/parse",
        "logLevel": "error",  # Charter runs at WARNING with no access log
        "logsFolder": None,
        "allowClientClassCreation": False,
    }
    path = work / "parse-config.json"
    path.write_text(json.dumps(config))
    binary = PARSE_DIR / "node_modules/parse-server/bin/parse-server"
    env = {**os.environ, "NODE_ENV": "production"}
    return spawn("parse", ["node", str(binary), str(path)], env, work, port, work)


def seed_parse(server: Server) -> dict:
    """The Item class, a signed-up user (its session token authenticates every request) and
    SEEDED Items (default ACL: public read and write)."""
    base = server.base + "/parse"
    app = {"X-Parse-Application-Id": APP_ID}
    with httpx.Client(timeout=30) as client:
        client.post(
            f"{base}/schemas/Item",
            headers={**app, "X-Parse-Master-Key": MASTER_KEY},
            json={
                "className": "Item",
                "fields": {
                    "name": {"type": "String"},
                    "color": {"type": "String"},
                    "category": {"type": "String"},
                },
            },
        ).raise_for_status()
        rest = {**app, "X-Parse-REST-API-Key": REST_KEY}
        signup = client.post(
            f"{base}/users", headers=rest, json={"username": "bench", "password": PASSWORD}
        )
        signup.raise_for_status()
        auth = {**rest, "X-Parse-Session-Token": signup.json()["sessionToken"]}
        ids = []
        for i in range(SEEDED):
            created = client.post(
                f"{base}/classes/Item",
                headers=auth,
                json={"name": f"item-{i}", "color": "blue", "category": "tools"},
            )
            created.raise_for_status()
            ids.append(created.json()["objectId"])
    headers = [f"{k}: {v}" for k, v in auth.items()]
    body = json.dumps({"name": "bench", "color": "blue", "category": "tools"})
    return {
        "get": ("GET", f"/parse/classes/Item/{ids[0]}", headers, ""),
        "create": ("POST", "/parse/classes/Item", headers, body),
        "list": ("GET", "/parse/classes/Item?limit=20", headers, ""),
    }


# checks -----------------------------------------------------------------------------------------


def precheck(server: Server) -> None:
    """One request per operation before any load: a 2xx, and 20 rows for the list."""
    for op, (method, path, headers, body) in list(server.ops.items()):
        head = dict(h.split(": ", 1) for h in headers)
        if body:
            head["Content-Type"] = "application/json"
        try:
            response = httpx.request(
                method, server.base + path, headers=head, content=body or None, timeout=30
            )
        except httpx.HTTPError as exc:
            server.broken[op] = f"{type(exc).__name__}: {exc}"
            continue
        if op == "get":
            server.rate_limit = response.headers.get("x-ratelimit-limit")
        if not 200 <= response.status_code < 300:
            server.broken[op] = f"{response.status_code} {response.text[:200]}"
        elif op == "list":
            payload = response.json()
            rows = payload.get("data", payload.get("results"))
            if not isinstance(rows, list) or len(rows) != 20:
                server.broken[op] = f"expected 20 rows, got {response.text[:200]}"
    for op in server.broken:
        server.ops.pop(op, None)


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


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    tag = f"{os.getpid()}"
    charter_db, parse_db = f"charter_bench_{tag}", f"charter_bench_parse_{tag}"
    servers: dict[str, Server] = {}
    failures: dict[str, str] = {}
    parse_version_used = None
    results: dict[str, dict[str, dict]] = {}
    logins = None
    with tempfile.TemporaryDirectory(prefix="charter-bench-") as var:
        work = Path(var)
        try:
            pg = postgres_version()
            drop_stale_databases()
            create_database(charter_db)
            env = charter_env(var, charter_db)
            creds = prepare_charter(env, charter_db)
            if WITH_PARSE:
                try:
                    parse_version_used = install_parse()
                    create_database(parse_db)
                    servers["Parse"] = start_parse(parse_db, work)
                except Exception as exc:  # noqa: BLE001 - reported, the rest still runs
                    failures["Parse"] = str(exc)
            servers["Charter"] = uvicorn("charter", "charter.asgi:app", env, CHARTER_ROOT, work)
            # The baseline and the trivial app run this checkout's code (storage layer included).
            local = {
                **env,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), INHERITED_PATH])),
            }
            servers["baseline"] = uvicorn("baseline", "bench.baseline_app:app", local, ROOT, work)
            servers["trivial"] = uvicorn("trivial", "bench.trivial_app:app", local, ROOT, work)
            ops = charter_ops(creds)
            key = {"X-API-Key": creds["api_key"]}
            ready = {
                "Charter": ("/v1/health/live", None),
                "baseline": (ops["get"][1], key),
                "trivial": ("/v1/health/live", None),
                "Parse": ("/parse/health", None),
            }
            for name, server in list(servers.items()):
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
                    failures[name] = f"{exc}\n{server.log_tail()}"
                    stop(server)
                    del servers[name]
            order = [n for n in ("Charter", "baseline", "Parse", "trivial") if n in servers]
            print(
                f"warming up, then {ROUNDS} rounds x {len(OPERATIONS)} operations, "
                f"{SECONDS:g} s per run ...",
                file=sys.stderr,
                flush=True,
            )
            for op in OPERATIONS:
                for name in order:
                    if op in servers[name].ops:
                        with contextlib.suppress(subprocess.SubprocessError, ValueError):
                            load(servers[name], op, WARMUP)
            runs: dict[str, dict[str, list]] = {n: {} for n in order}
            for _ in range(ROUNDS):
                for op in OPERATIONS:
                    for name in order:  # A, B, C, A, B, C ...
                        server = servers[name]
                        if op not in server.ops:
                            continue
                        try:
                            runs[name].setdefault(op, []).append(load(server, op, SECONDS))
                        except (subprocess.SubprocessError, ValueError) as exc:
                            server.broken[op] = f"load run failed: {exc}\n{server.log_tail()}"
                            server.ops.pop(op)
                            runs[name].pop(op, None)
            results = {n: {op: summarise(r) for op, r in per.items()} for n, per in runs.items()}
            if WITH_LOGIN and "Charter" in servers:
                try:
                    logins = login_scenarios(servers["Charter"], creds, env)
                except Exception as exc:  # noqa: BLE001
                    logins = {"failed": f"{exc}"}
        finally:
            for server in servers.values():
                stop(server)
            drop_database(charter_db)
            drop_database(parse_db)
    report(results, servers, failures, parse_version_used, pg, logins, time.time() - started)
    return 0 if "Charter" in results and results["Charter"] else 1


def report(results, servers, failures, parse_version_used, pg, logins, elapsed) -> None:
    charter = results.get("Charter", {})
    parse = results.get("Parse", {})
    limit_seen = servers["Charter"].rate_limit if "Charter" in servers else None
    paragraphs = [
        f"Charter vs plain baseline vs Parse Server {parse_version_used or '9 (not run)'}, "
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
    for label, text in (
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
            "emails and phones are decrypted per row; Charter also counts the total) | GET "
            f"/parse/classes/Item?limit=20 ({SEEDED}+ Items).",
        ),
    ):
        print(
            textwrap.fill(text, 100, initial_indent=f"  {label:11s} ", subsequent_indent=" " * 14)
        )
    print()
    print(
        f"  {'operation':20s} {'system':9s} {'req/s':>8s} {'CPU ms/req':>10s} {'srv CPU':>8s} "
        f"{'p50 ms':>8s} {'p99 ms':>8s}   non-2xx"
    )
    for op in OPERATIONS:
        names = ("Charter", "trivial") if op == "health" else ("Charter", "baseline", "Parse")
        for name in names:
            if name in results and op in results[name]:
                print(row(LABELS[op], name, results[name][op]))
            elif name in failures:
                print(row(LABELS[op], name, None, failures[name].splitlines()[0][:150]))
            elif name in servers and op in servers[name].broken:
                print(row(LABELS[op], name, None, servers[name].broken[op]))
            elif name == "Parse" and not WITH_PARSE:
                print(row(LABELS[op], name, None, "BENCH_PARSE=0"))
    for name, why in failures.items():
        print(f"\n  {name} {'SKIPPED' if name == 'Parse' else 'failed'}: {why}")

    def ratio(a: dict, b: dict, key: str) -> float:
        return a[key] / b[key] if b.get(key) else float("nan")

    base = results.get("baseline", {})
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
        why = failures.get("Parse", "BENCH_PARSE=0").splitlines()[0][:200]
        print(f"  SKIPPED Parse Server: {why}")
    else:
        checks = [
            ("get", "rps", 1.0, ">=", "GET by id throughput"),
            ("get", "cpu_ms", 1.0, "<=", "GET by id CPU/request"),
            ("create", "rps", 0.8, ">=", "create throughput"),
            ("list", "rps", 0.8, ">=", "list of 20 throughput"),
        ]
        for op, key, target, sense, label in checks:
            if op not in charter or op not in parse:
                print(f"  FAIL {label}: not measured for both")
                continue
            value = ratio(charter[op], parse[op], key)
            ok = value >= target if sense == ">=" else value <= target
            dirty = charter[op]["errors"] or parse[op]["errors"]
            print(
                f"  {verdict(ok and not dirty)} {label}: {value:.2f}x Parse "
                f"({charter[op][key]:.{0 if key == 'rps' else 2}f} vs "
                f"{parse[op][key]:.{0 if key == 'rps' else 2}f}; target {sense} {target}x)"
                + ("  [non-2xx responses: not valid]" if dirty else "")
            )
    trivial = results.get("trivial", {})
    if "health" in charter and "health" in trivial:
        value = ratio(charter["health"], trivial["health"], "cpu_ms")
        print(
            f"  {verdict(value <= 1.3)} GET /v1/health/live CPU/request: {value:.2f}x a trivial "
            f"connexion.AsyncApp route ({charter['health']['cpu_ms']:.2f} vs "
            f"{trivial['health']['cpu_ms']:.2f} ms; target within 1.3x)"
        )
    else:
        print("  FAIL GET /v1/health/live CPU/request: not measured for both")
    if logins is not None:
        print_logins(logins)
    print(f"\n(total {elapsed:.0f} s)")


# logins -----------------------------------------------------------------------------------------

HASH_COST = """
import time
try:
    from charter.identity.passwords import hasher
except ImportError:
    from charter.passwords import hasher
stored = hasher.hash({password!r})
started = time.perf_counter()
for _ in range(20):
    hasher.verify(stored, {password!r})
print((time.perf_counter() - started) / 20)
"""


def hash_cost(env: dict) -> float:
    """Seconds per argon2id verification with Charter's parameters."""
    out = subprocess.run(
        [sys.executable, "-c", HASH_COST.format(password=PASSWORD)],
        env=env,
        cwd=CHARTER_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return float(out.stdout.strip())


def login_scenarios(server: Server, creds: dict, env: dict) -> dict:
    print("login part (BENCH_LOGIN=0 skips it) ...", file=sys.stderr, flush=True)
    httpx.post(
        f"{server.base}/v1/users",
        headers={"X-API-Key": creds["api_key"]},
        json={"username": "bench.user", "email": "bench.user@example.com", "password": PASSWORD},
        timeout=30,
    ).raise_for_status()
    good = json.dumps({"username": "bench.user", "password": PASSWORD})
    wrong = json.dumps({"username": "bench.user", "password": "not the password!"})
    unknown = json.dumps({"username": "nobody.at.all", "password": "not the password!"})
    _, get_path, key, _ = server.ops["get"]
    seconds = 3.0

    def login(body, secs, conns):
        return run_loadgen(server, "POST", "/v2/auth/login", [], body, secs, conns)

    out = {"hash_seconds": hash_cost(env), "cores": os.cpu_count() or 1}
    out["login"] = login(good, seconds, 8)
    out["get_alone"] = run_loadgen(server, "GET", get_path, key, "", seconds, CONNECTIONS)
    background = subprocess.Popen(
        loadgen_argv(server, "POST", "/v2/auth/login", [], good, seconds + 1, 8),
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)  # let the login load build up
    out["get_under_logins"] = run_loadgen(
        server, "GET", get_path, key, "", seconds - 0.5, CONNECTIONS
    )
    out["login_under_gets"] = json.loads(background.communicate(timeout=120)[0])
    out["wrong_password"] = login(wrong, 2, 1)
    out["unknown_user"] = login(unknown, 2, 1)
    return out


def login_line(name: str, r: dict) -> str:
    return (
        f"  {name:36s} {r['rps']:7.0f} req/s  p50 {r['p50_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms"
        f"  non-2xx {r['errors']}"
    )


def print_logins(r: dict) -> None:
    if "failed" in r:
        print(f"\nLogins: not measured: {r['failed'][:300]}")
        return
    per_core = 1 / r["hash_seconds"]
    print(
        f"\nLogins (Charter, argon2id): {r['hash_seconds'] * 1000:.1f} ms per hash, so at most "
        f"{per_core:.0f} logins/s per core, {per_core * r['cores']:.0f}/s on {r['cores']} cores"
    )
    print(login_line("POST /v2/auth/login, 8 connections", r["login"]))
    slots = max(1, r["cores"] - 1)  # CHARTER_PASSWORD_HASH_CONCURRENCY's default
    print(
        f"  logins/s as a share of the bound with {slots} hashing slot(s): "
        f"{r['login']['rps'] / (per_core * slots):.2f}"
    )
    print(login_line("authenticated GET alone", r["get_alone"]))
    print(login_line("authenticated GET during logins", r["get_under_logins"]))
    print(login_line("  (logins meanwhile)", r["login_under_gets"]))
    print(
        f"  GET throughput kept while logins load the CPU: "
        f"{r['get_under_logins']['rps'] / r['get_alone']['rps']:.2f}"
    )
    print(login_line("login, wrong password (1 connection)", r["wrong_password"]) + " (401s)")
    print(login_line("login, unknown user (1 connection)", r["unknown_user"]) + " (401s)")
    print(
        f"  p50 unknown/wrong: {r['unknown_user']['p50_ms'] / r['wrong_password']['p50_ms']:.2f} "
        "(1.00 means the two cannot be told apart by time)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
