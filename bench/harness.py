"""The bench's machinery: configuration from the environment, server processes, the load
generator, and temporary PostgreSQL databases. bench/run.py and bench/data_*.py drive it."""

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
