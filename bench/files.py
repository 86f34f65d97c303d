"""`make bench`'s files part (issue 10, "Speed"), or alone: `python -m bench.files`.
BENCH_FILES=0 skips it.

One Charter API process (`uvicorn charter.asgi:app`, SQLite in a temporary directory, files on
local disk) and one baseline process with no framework (this module run as `python -m
bench.files baseline`: bare Starlette that streams the request body into a file and serves it
back with `FileResponse`), both on 127.0.0.1, taking turns:

1. Upload and download of a BENCH_FILES_BYTES file (1 GiB): MB/s for each, the ratio Charter /
   baseline (target >= 0.8x both ways) and Charter's absolute rate (target >= 250 MB/s); the
   server's resident memory sampled every 50 ms, growth during each transfer (target < 50 MB).
2. A directory of BENCH_FILES_LISTED (100,000) files (rows written straight into the database):
   p50 of `GET /v2/files?path=/big&limit=100` against a GET by id, sequential (target <= 2x).

Environment: BENCH_FILES (1), BENCH_FILES_BYTES (1073741824), BENCH_FILES_LISTED (100000),
BENCH_FILES_SAMPLES (200). Numbers on a shared machine are noisy.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.harness import CHARTER_ROOT, INHERITED_PATH, stop, uvicorn, wait_ready

SIZE = int(os.environ.get("BENCH_FILES_BYTES", 1024**3))
LISTED = int(os.environ.get("BENCH_FILES_LISTED", 100_000))
SAMPLES = int(os.environ.get("BENCH_FILES_SAMPLES", 200))
CHUNK = 1024 * 1024
BOUNDARY = "benchboundary"


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler:
    """The process's resident memory every 50 ms while a transfer runs: (start, peak)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.start, self.peak = pid, _rss_mb(pid), 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_mb(self.pid))
            self._stop.wait(0.05)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth(self) -> float:
        return max(0.0, self.peak - self.start)


def _multipart_body(size: int):
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    block = os.urandom(CHUNK)

    def generate():
        yield head
        left = size
        while left > 0:
            piece = block if left >= CHUNK else block[:left]
            left -= len(piece)
            yield piece
        yield tail

    return generate(), len(head) + size + len(tail)


def upload(url: str, headers: dict[str, str], pid: int) -> tuple[float, float, dict]:
    body, length = _multipart_body(SIZE)
    headers = {
        **headers,
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "Content-Length": str(length),
    }
    with RssSampler(pid) as rss:
        started = time.perf_counter()
        response = httpx.post(url, content=body, headers=headers, timeout=600)
        elapsed = time.perf_counter() - started
    response.raise_for_status()
    return SIZE / elapsed / 1e6, rss.growth, response.json()


def download(url: str, headers: dict[str, str], pid: int) -> tuple[float, float]:
    received = 0
    with RssSampler(pid) as rss:
        started = time.perf_counter()
        with httpx.stream("GET", url, headers=headers, timeout=600) as response:
            response.raise_for_status()
            for chunk in response.iter_raw(CHUNK):
                received += len(chunk)
        elapsed = time.perf_counter() - started
    assert received >= SIZE, (received, SIZE)  # the baseline keeps the multipart framing
    return received / elapsed / 1e6, rss.growth


def _p50(url: str, headers: dict[str, str]) -> float:
    times = []
    with httpx.Client(headers=headers, timeout=30) as client:
        for _ in range(SAMPLES):
            started = time.perf_counter()
            client.get(url).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def seed_directory(database: Path, organization_id: str) -> str:
    """LISTED file rows under /big (one directory row); the id of one of them."""
    now = datetime.now(UTC).isoformat(sep=" ")
    rows = []
    for index in range(LISTED):
        name = f"file-{index:07d}.bin"
        rows.append(
            (
                f"file_b{uuid.uuid4().hex[:14]}",
                organization_id,
                1,
                "file",
                f"/big/{name}",
                "/big",
                name,
                1024,
                "application/octet-stream",
                "0" * 64,
                "0" * 64,
                1,
                now,
                now,
            )
        )
    rows.append(
        (
            f"file_d{uuid.uuid4().hex[:14]}",
            organization_id,
            1,
            "directory",
            "/big",
            "/",
            "big",
            0,
            None,
            None,
            None,
            1,
            now,
            now,
        )
    )
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO files (id, organization_id, livemode, type, path, parent, name, size, "
            "content_type, checksum, blob_key, version, created_at, modified_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.execute("ANALYZE")
    return rows[0][0]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    if os.environ.get("BENCH_FILES", "1") == "0":
        print("files: skipped (BENCH_FILES=0)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="charter-bench-files-"))
    logs = work / "logs"
    logs.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": INHERITED_PATH,
        "CHARTER_VAR_DIR": str(work / "var"),
        "CHARTER_SECRET_KEY": "bench-secret-" + "x" * 40,
        "CHARTER_RATE_LIMITS_ENABLED": "false",
        "CHARTER_LOG_LEVEL": "WARNING",
        "CHARTER_MAX_FILE_BYTES": str(SIZE + 1024),
        "BENCH_FILES_DIR": str(work / "baseline"),
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
            "a long bench password",
            "--plan",
            "unlimited",
        ],
        env=env,
        cwd=CHARTER_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    created = json.loads(boot.stdout.strip().splitlines()[-1])
    auth = {"X-API-Key": created["api_key"]}
    charter = uvicorn("charter-files", "charter.asgi:app", env, CHARTER_ROOT, logs)
    baseline = uvicorn("baseline-files", "bench.files:baseline_app", env, CHARTER_ROOT, logs)
    failed = False
    try:
        wait_ready(charter, "/v1/health/live")
        wait_ready(baseline, "/health")
        print(f"\nfiles: {SIZE / 1024**2:.0f} MiB on loopback, local disk, SQLite")
        base_up, base_up_rss, _ = upload(baseline.base + "/upload", {}, baseline.process.pid)
        up, up_rss, stored = upload(charter.base + "/v2/files/upload", auth, charter.process.pid)
        base_down, base_down_rss = download(baseline.base + "/download", {}, baseline.process.pid)
        down, down_rss = download(
            f"{charter.base}/v2/files/{stored['id']}/download", auth, charter.process.pid
        )
        checks = [
            (
                f"upload   {up:7.0f} MB/s, baseline {base_up:7.0f} MB/s ({up / base_up:.2f}x, "
                "target >= 0.8x)",
                up / base_up >= 0.8,
            ),
            (
                f"download {down:7.0f} MB/s, baseline {base_down:7.0f} MB/s "
                f"({down / base_down:.2f}x, target >= 0.8x)",
                down / base_down >= 0.8,
            ),
            (f"upload and download >= 250 MB/s ({min(up, down):.0f})", min(up, down) >= 250),
            (
                f"server RSS growth: upload {up_rss:.1f} MB, download {down_rss:.1f} MB "
                f"(baseline {base_up_rss:.1f} / {base_down_rss:.1f}; target < 50 MB)",
                max(up_rss, down_rss) < 50,
            ),
        ]
        file_id = seed_directory(work / "var" / "charter.db", created["organization_id"])
        listing = _p50(f"{charter.base}/v2/files?path=/big&limit=100", auth)
        by_id = _p50(f"{charter.base}/v2/files/{file_id}", auth)
        checks.append(
            (
                f"list of 100 from {LISTED:,} files p50 {listing:.2f} ms, GET by id p50 "
                f"{by_id:.2f} ms ({listing / by_id:.2f}x, target <= 2x)",
                listing / by_id <= 2,
            )
        )
        for line, ok in checks:
            failed |= not ok
            print(f"  {_verdict(ok)} {line}")
    finally:
        stop(charter)
        stop(baseline)
    return 1 if failed else 0


def _baseline():  # the Starlette app of the baseline process
    from starlette.applications import Starlette
    from starlette.responses import FileResponse, JSONResponse, PlainTextResponse
    from starlette.routing import Route

    directory = Path(os.environ.get("BENCH_FILES_DIR", tempfile.gettempdir()))
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "file.bin"

    async def health(request):
        return PlainTextResponse("ok")

    async def upload_route(request):
        size = 0
        with open(target, "wb") as out:
            async for chunk in request.stream():  # the raw multipart body, not parsed
                out.write(chunk)
                size += len(chunk)
        return JSONResponse({"size": size}, status_code=201)

    async def download_route(request):
        return FileResponse(target)

    return Starlette(
        routes=[
            Route("/health", health),
            Route("/upload", upload_route, methods=["POST"]),
            Route("/download", download_route),
        ]
    )


def __getattr__(name: str):
    if name == "baseline_app":
        return _baseline()
    raise AttributeError(name)


if __name__ == "__main__":
    sys.exit(main())
