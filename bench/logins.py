"""The login part of `make bench` (BENCH_LOGIN=0 skips it): logins against the password-hash
bound, GETs while logins load the CPU, and whether wrong passwords and unknown users take the
same time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx

from bench.harness import (
    CHARTER_ROOT,
    CONNECTIONS,
    PASSWORD,
    Server,
    loadgen_argv,
    run_loadgen,
)

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
