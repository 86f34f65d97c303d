"""A small closed-loop HTTP/1.1 load generator (keep-alive, asyncio, one process).

Usage: python loadgen.py HOST PORT PATH HEADER_LINE SECONDS CONNECTIONS [METHOD BODY]
prints JSON: requests, non-2xx count, requests/s, p50 and p99 latency in ms.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time


async def worker(
    host, port, request: bytes, stop_at: float, latencies: list[float], errors: list[int]
):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if not 200 <= status < 300:
                errors.append(status)
    finally:
        writer.close()


async def main(host, port, path, header, seconds, connections, method="GET", body=""):
    payload = body.encode()
    extra = (
        f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n" if payload else ""
    )
    head = f"{header}\r\n" if header else ""
    request = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{head}{extra}"
        "Connection: keep-alive\r\n\r\n"
    ).encode() + payload
    latencies: list[float] = []
    errors: list[int] = []
    stop_at = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(
        *(worker(host, port, request, stop_at, latencies, errors) for _ in range(connections))
    )
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
        )

    print(
        json.dumps(
            {
                "requests": len(latencies),
                "errors": len(errors),
                "rps": len(latencies) / elapsed,
                "p50_ms": pct(0.50),
                "p99_ms": pct(0.99),
            }
        )
    )


if __name__ == "__main__":
    host, port, path, header, seconds, connections = sys.argv[1:7]
    method, body = (sys.argv[7], sys.argv[8]) if len(sys.argv) > 8 else ("GET", "")
    asyncio.run(main(host, int(port), path, header, float(seconds), int(connections), method, body))
