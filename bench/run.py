"""`make bench`: Charter against plain Flask doing the same work, same server, same workers.

Both serve GET /v1/organizations/{id} with an API key from one uvicorn process (CHARTER_THREADS
handler threads) on one database; a second process loads each on loopback for the same time.
Prints requests/s and p50/p99 latency for each and Charter's ratio to the baseline.
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
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))


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


def load(port: int, path: str, key: str, seconds: float) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "loadgen.py"),
            "127.0.0.1",
            str(port),
            path,
            f"X-API-Key: {key}",
            str(seconds),
            str(CONNECTIONS),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def main() -> int:
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "CHARTER_VAR_DIR": var,
            "CHARTER_LOG_LEVEL": "WARNING",
            "CHARTER_THREADS": os.environ.get("CHARTER_THREADS", "40"),
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
                "correct horse battery",
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
        headers = {"X-API-Key": creds["api_key"]}
        results = {}
        for name, app in (("flask", "bench.baseline_app:app"), ("charter", "charter.asgi:app")):
            process, port = start(app, env)
            try:
                wait_ready(port, path, headers)
                load(port, path, creds["api_key"], 1.0)  # warm-up
                results[name] = load(port, path, creds["api_key"], SECONDS)
            finally:
                process.terminate()
                process.wait(timeout=15)
    print(
        f"GET /v1/organizations/{{id}}, {CONNECTIONS} connections, {SECONDS:g} s each, "
        f"1 uvicorn worker, {env['CHARTER_THREADS']} threads, database: "
        f"{'PostgreSQL' if os.environ.get('CHARTER_DATABASE_URL') else 'SQLite'}"
    )
    for name, r in results.items():
        print(
            f"  {name:8s} {r['rps']:8.0f} req/s   p50 {r['p50_ms']:6.1f} ms   "
            f"p99 {r['p99_ms']:6.1f} ms   non-200: {r['errors']}"
        )
    ratio = results["charter"]["rps"] / results["flask"]["rps"]
    print(f"  ratio charter/flask throughput: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
