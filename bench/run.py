"""`make bench`: Charter against plain Flask doing the same work, same server, same workers, then
login throughput against the password hash cost.

1. GET /v1/organizations/{id} with an API key, from Charter and from a plain Flask app doing the
   same key lookup and database read (bench/baseline_app.py), each on one uvicorn process with
   CHARTER_THREADS handler threads; a second process loads each on loopback for the same time.
2. POST /v2/auth/login: logins/s next to the argon2id cost (1 / hash time, per core and for the
   machine), authenticated GETs alone and while logins saturate the CPU, and the latency of a
   login for an unknown user next to a wrong password (they must not be told apart).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
PASSWORD = "correct horse battery staple"  # noqa: S105 - a benchmark fixture


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(app: str, env: dict) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [
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
            "--lifespan",
            "off",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, port


def wait_ready(port: int, path: str, headers: dict) -> None:
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if (
                httpx.get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=2).status_code
                == 200
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server on {port} never answered 200 on {path}")


def loadgen_command(port, path, header, seconds, connections, method="GET", body=""):
    command = [
        sys.executable,
        str(ROOT / "bench" / "loadgen.py"),
        "127.0.0.1",
        str(port),
        path,
        header,
        str(seconds),
        str(connections),
    ]
    return command + ([method, body] if body else [])


def load(port, path, header, seconds, connections=CONNECTIONS, method="GET", body="") -> dict:
    out = subprocess.run(
        loadgen_command(port, path, header, seconds, connections, method, body),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def line(name: str, r: dict) -> str:
    return (
        f"  {name:34s} {r['rps']:8.0f} req/s   p50 {r['p50_ms']:7.1f} ms   "
        f"p99 {r['p99_ms']:7.1f} ms   non-2xx: {r['errors']}"
    )


def hash_cost(env: dict) -> float:
    """Seconds per argon2id verification with Charter's parameters, measured in this process."""
    from charter.passwords import hasher

    stored = hasher.hash(PASSWORD)
    started = time.perf_counter()
    for _ in range(20):
        hasher.verify(stored, PASSWORD)
    return (time.perf_counter() - started) / 20


def main() -> int:
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "CHARTER_VAR_DIR": var,
            "CHARTER_LOG_LEVEL": "WARNING",
            "CHARTER_THREADS": os.environ.get("CHARTER_THREADS", "40"),
            # The benchmark measures the work, not the per-IP login limit or the lockout.
            "CHARTER_AUTH_RATE_LIMIT": "100000000/minute",
            "CHARTER_ANONYMOUS_RATE_LIMIT": "100000000/minute",
            "CHARTER_LOCKOUT_THRESHOLD": "100000000",
        }
        boot = subprocess.run(
            [
                sys.executable,
                "-m",
                "charter.cli",
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
                "unlimited",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        creds = json.loads(boot.stdout)
        path = f"/v1/organizations/{creds['organization_id']}"
        key_header = f"X-API-Key: {creds['api_key']}"
        headers = {"X-API-Key": creds["api_key"]}
        servers = {
            name: start(app, env)
            for name, app in (("flask", "bench.baseline_app:app"), ("charter", "charter.asgi:app"))
        }
        try:
            runs: dict[str, list[dict]] = {"flask": [], "charter": []}
            for _, port in servers.values():
                wait_ready(port, path, headers)
                load(port, path, key_header, 1.0)  # warm-up
            # Alternate the two, ROUNDS times, and keep the median: this machine is noisy.
            for _ in range(ROUNDS):
                for name, (_, port) in servers.items():
                    runs[name].append(load(port, path, key_header, SECONDS))
            results = {name: median_run(r) for name, r in runs.items()}
            logins = login_scenarios(servers["charter"][1], path, key_header, env)
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(timeout=15)
    database = "PostgreSQL" if os.environ.get("CHARTER_DATABASE_URL") else "SQLite"
    print(
        f"1. GET /v1/organizations/{{id}} with an API key: {CONNECTIONS} connections, "
        f"median of {ROUNDS} alternating {SECONDS:g} s runs, 1 uvicorn worker each, "
        f"{env['CHARTER_THREADS']} threads, {database}"
    )
    print(line("plain Flask (baseline)", results["flask"]))
    print(line("Charter", results["charter"]))
    ratio = results["charter"]["rps"] / results["flask"]["rps"]
    print(f"  ratio Charter/Flask throughput: {ratio:.2f}")
    print_logins(logins)
    return 0


def login_scenarios(port: int, path: str, key_header: str, env: dict) -> dict:
    base = f"http://127.0.0.1:{port}"
    httpx.post(
        f"{base}/v1/users",
        headers={key_header.split(": ")[0]: key_header.split(": ")[1]},
        json={"username": "bench.user", "email": "bench.user@example.com", "password": PASSWORD},
    ).raise_for_status()
    good = json.dumps({"username": "bench.user", "password": PASSWORD})
    wrong = json.dumps({"username": "bench.user", "password": "not the password!"})
    unknown = json.dumps({"username": "nobody.at.all", "password": "not the password!"})
    seconds = max(3.0, SECONDS / 2)
    out = {"hash_seconds": hash_cost(env), "cores": os.cpu_count() or 1}
    out["login"] = load(port, "/v2/auth/login", "", seconds, 8, "POST", good)
    out["get_alone"] = load(port, path, key_header, seconds)
    background = subprocess.Popen(
        loadgen_command(port, "/v2/auth/login", "", seconds + 1, 8, "POST", good),
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)  # let the login load build up
    out["get_under_logins"] = load(port, path, key_header, seconds - 0.5)
    out["login_under_gets"] = json.loads(background.communicate()[0])
    out["wrong_password"] = load(port, "/v2/auth/login", "", 3, 1, "POST", wrong)
    out["unknown_user"] = load(port, "/v2/auth/login", "", 3, 1, "POST", unknown)
    return out


def print_logins(r: dict) -> None:
    per_core = 1 / r["hash_seconds"]
    print(
        f"\n2. Logins (argon2id 19 MiB, 2 passes): {r['hash_seconds'] * 1000:.1f} ms per hash, "
        f"so at most {per_core:.0f} logins/s per core, {per_core * r['cores']:.0f}/s on "
        f"{r['cores']} cores"
    )
    print(line("POST /v2/auth/login, 8 connections", r["login"]))
    slots = max(1, r["cores"] - 1)  # CHARTER_PASSWORD_HASH_CONCURRENCY's default
    print(
        f"  logins/s as a share of the bound with {slots} hashing slot(s): "
        f"{r['login']['rps'] / (per_core * slots):.2f}"
    )
    print(line("authenticated GET alone", r["get_alone"]))
    print(line("authenticated GET during logins", r["get_under_logins"]))
    print(line("  (logins meanwhile)", r["login_under_gets"]))
    print(
        f"  GET throughput kept while logins load the CPU: "
        f"{r['get_under_logins']['rps'] / r['get_alone']['rps']:.2f}"
    )
    print(line("login, wrong password (1 connection)", r["wrong_password"]))
    print(line("login, unknown user (1 connection)", r["unknown_user"]))
    print(
        f"  p50 unknown/wrong: {r['unknown_user']['p50_ms'] / r['wrong_password']['p50_ms']:.2f} "
        "(1.00 means the two cannot be told apart by time)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
