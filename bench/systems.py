"""The systems under test: Charter (schema, plan, tenant, seeded keys) and Parse Server 9
(installed by npm into a cache directory, its Item class and a signed-up user)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import httpx
import psycopg

from bench.harness import (
    APP_ID,
    CHARTER_ROOT,
    INHERITED_PATH,
    MASTER_KEY,
    PARSE_DIR,
    PASSWORD,
    PLAN,
    PLAN_PER_MINUTE,
    REST_KEY,
    SEEDED,
    Server,
    database_url,
    free_port,
    spawn,
)

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
