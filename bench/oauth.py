"""`make bench`'s OAuth part (issue 11, "Speed"), or alone: `python -m bench.oauth`.
BENCH_OAUTH=0 skips it.

One Charter process (`uvicorn charter.asgi:app`, one worker) on a temporary PostgreSQL database
(charter_bench_oauth_<pid> on BENCH_PG_URL's server, dropped at the end), a confidential client
registered through `/v1/oauth/clients`, then under load (bench/loadgen.py, BENCH_SECONDS,
BENCH_CONNECTIONS, BENCH_ROUNDS rounds; medians):

1. `POST /oauth/token` with `grant_type=client_credentials` and `client_secret_basic`: tokens per
   second and server CPU ms per token. Each token is one RS256 signature (2048-bit key) and one
   row (its issuance, so it can be revoked). The client secret is checked with an HMAC-SHA256
   under a key derived from the server secret (secrets carry 256 random bits: a keyed hash is
   as safe as a password hash and costs microseconds instead of an argon2 verification).
2. `POST /oauth/introspect` of one access token: introspections per second (signature check by
   `kid`, one lookup of the issuance).
3. For scale, `GET /v1/users?limit=1` with the OAuth access token as `Authorization: Bearer`
   and with an API key (both cached for at most a second).

The token endpoint's own per-client rate class is raised out of the way (the check still runs).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from bench.harness import (
    CHARTER_ROOT,
    CONNECTIONS,
    ROUNDS,
    SECONDS,
    create_database,
    drop_database,
    loadgen_argv,
    stop,
    summarise,
    uvicorn,
    wait_ready,
)
from bench.systems import charter_env, prepare_charter

FORM = "application/x-www-form-urlencoded"


def _measure(server, method, path, headers, body) -> dict:
    return summarise([_loadgen(server, method, path, headers, body) for _ in range(ROUNDS)])


def _loadgen(server, method, path, headers, body) -> dict:
    """bench/loadgen.py with a URL-encoded form body (its default content type is JSON)."""
    argv = loadgen_argv(server, method, path, headers, body, SECONDS, CONNECTIONS)
    if body:
        argv += ["--content-type", FORM]
    out = subprocess.run(argv, check=True, capture_output=True, text=True, timeout=SECONDS + 90)
    return json.loads(out.stdout)


def _line(label: str, result: dict, unit: str) -> str:
    errors = f", {result['errors']} errors {result['statuses']}" if result["errors"] else ""
    return (
        f"  {label:<42} {result['rps']:>8.0f} {unit}/s  {result['cpu_ms']:.2f} ms CPU each  "
        f"p50 {result['p50_ms']:.1f} ms  p99 {result['p99_ms']:.1f} ms{errors}"
    )


def main() -> int:
    if os.environ.get("BENCH_OAUTH", "1") == "0":
        print("bench.oauth: skipped (BENCH_OAUTH=0)")
        return 0
    db_name = f"charter_bench_oauth_{os.getpid()}"
    create_database(db_name)
    server = None
    try:
        with tempfile.TemporaryDirectory() as work:
            env = charter_env(work, db_name)
            env["CHARTER_OAUTH_TOKEN_RATE_LIMIT"] = "100000000/minute"  # noqa: S105
            creds = prepare_charter(env, db_name)
            server = uvicorn("charter-oauth", "charter.asgi:app", env, CHARTER_ROOT, Path(work))
            wait_ready(server, "/v1/health/live")
            key = {"X-API-Key": creds["api_key"]}
            registered = httpx.post(
                server.base + "/v1/oauth/clients",
                json={
                    "name": "Bench service",
                    "grant_types": ["client_credentials"],
                    "scopes": ["users:read"],
                },
                headers=key,
                timeout=30,
            ).json()
            raw = f"{registered['client_id']}:{registered['client_secret']}".encode()
            basic = f"Authorization: Basic {base64.b64encode(raw).decode()}"
            token = httpx.post(
                server.base + "/oauth/token",
                data={"grant_type": "client_credentials"},
                headers={"Authorization": basic.split(": ", 1)[1]},
                timeout=30,
            ).json()["access_token"]
            print(
                f"\n== OAuth (issue 11): one worker, PostgreSQL, {ROUNDS} rounds of"
                f" {SECONDS:.0f} s, {CONNECTIONS} connections"
            )
            tokens = _measure(
                server, "POST", "/oauth/token", [basic], "grant_type=client_credentials"
            )
            print(_line("client_credentials tokens (RS256, basic)", tokens, "tokens"))
            introspections = _measure(
                server, "POST", "/oauth/introspect", [basic], f"token={token}"
            )
            print(_line("introspections", introspections, "req"))
            bearer = _measure(
                server, "GET", "/v1/users?limit=1", [f"Authorization: Bearer {token}"], ""
            )
            print(_line("GET /v1/users with the OAuth token", bearer, "req"))
            keyed = _measure(
                server, "GET", "/v1/users?limit=1", [f"X-API-Key: {creds['api_key']}"], ""
            )
            print(_line("GET /v1/users with an API key", keyed, "req"))
            print(
                "  client secrets: HMAC-SHA256 keyed by the server secret (high-entropy secrets;"
                " no password hash)"
            )
    finally:
        if server is not None:
            stop(server)
        drop_database(db_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
