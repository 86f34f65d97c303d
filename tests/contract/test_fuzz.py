"""Schemathesis with every check against a live `charter serve`, on every surface.

Bounded and deterministic: a fixed number of examples per operation, deterministic generation
and a hard timeout, so it fits CI. `make fuzz` runs it with more examples.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from charter.platform.spec import SURFACES
from tests.conftest import ROOT, ServerProcess, server_env

EXAMPLES = os.environ.get("CHARTER_FUZZ_EXAMPLES", "60")
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.fixture(scope="module")
def fuzz_target(settings, new_database, tmp_path_factory):
    env = server_env(
        settings,
        # Its own database: the fuzzing superuser deletes every organization it can list.
        CHARTER_DATABASE_URL=new_database(),
        CHARTER_VAR_DIR=str(tmp_path_factory.mktemp("fuzzvar")),
        # The fuzzer may put its own organization on a smaller plan; limits have their own tests.
        CHARTER_RATE_LIMITS_ENABLED="false",
        # GET /v2/events without max_wait lasts its whole timeout class: keep each one short.
        CHARTER_TIMEOUT_STREAM="1.5",
        # The fuzzer registers many webhooks at example URLs that do not resolve, subscribed to
        # what it creates: each delivery fails once and is not retried during the run, so the
        # embedded worker's writes stay few (delivery has its own tests; on SQLite every one of
        # them holds the single write lock the fuzzed requests wait for).
        CHARTER_WEBHOOK_RETRY_SCHEDULE="86400",
        CHARTER_WEBHOOK_WORKER_CONCURRENCY="4",
        # Access lines with durations, so a failure report can show what was slow and why.
        CHARTER_LOG_LEVEL="INFO",
    )
    username = f"fuzzer-{uuid.uuid4().hex[:8]}"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "charter.cli",
            "bootstrap",
            "--org",
            "Fuzz",
            "--username",
            username,
            "--email",
            f"{username}@example.com",
            "--password",
            "correct horse battery",
            "--plan",
            "unlimited",
            "--superuser",  # its own database: the fuzzer may call operator endpoints too
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    key = json.loads(out.stdout)["api_key"]
    log = tmp_path_factory.mktemp("fuzzlog") / "server.log"
    with ServerProcess(env, log=log) as server:
        yield server.url, key, log


def server_report(log: Path, slowest: int = 15) -> str:
    """The server's slowest requests and every warning or error it logged, for a failure report
    (a response-time failure says nothing about what the server was doing meanwhile)."""
    requests, problems = [], []
    for line in log.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            problems.append(line)
            continue
        if "duration_ms" in entry:
            requests.append(entry)
        elif entry.get("level") in ("WARNING", "ERROR", "CRITICAL") and "content types" not in (
            entry.get("message") or ""
        ):
            problems.append(line)
    requests.sort(key=lambda entry: entry["duration_ms"], reverse=True)
    lines = [json.dumps(entry) for entry in requests[:slowest]]
    slow, logged = "\n".join(lines), "\n".join(problems[-40:])
    return f"\n\nslowest requests:\n{slow}\n\nserver log:\n{logged}"


@pytest.mark.parametrize("surface", list(SURFACES))
def test_schemathesis_finds_no_failure(fuzz_target, surface):
    url, key, log = fuzz_target
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{url}{SURFACES[surface]}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        EXAMPLES,
        "--generation-deterministic",
        "--header",
        f"X-API-Key: {key}",
        "--no-color",
        "--request-timeout",
        "35",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + server_report(log)
    assert " passed" in result.stdout
