"""A small closed-loop HTTP/1.1 load generator: keep-alive connections, one process, no
dependencies (uvloop when installed). Run by bench/run.py in a process of its own.

    python loadgen.py --port 8000 --path /v1/x [--header 'K: V' ...] [--seconds 5]
        [--connections 32] [--method POST --body '{...}'] [--pid SERVER_PID]

All connections are opened before the clock starts. With --pid, the server's CPU time
(utime + stime from /proc/PID/stat, all threads) is read when the clock starts and after the last
response, and reported per request served. Prints one JSON object: requests, non-2xx count (and
a sample of the statuses), requests/s, p50/p99 latency in ms, cpu_ms_per_request, server_cpu
(CPU seconds per wall second, 1.0 = one core busy), reconnects.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time

try:
    import uvloop
except ImportError:  # pragma: no cover - plain asyncio works, a little slower
    uvloop = None

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int | None) -> float | None:
    if pid is None:
        return None
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14, 15)


class Connection(asyncio.Protocol):
    """Sends the request, reads one response (Content-Length or chunked), repeats until told
    to stop; reconnects if the server closes the connection."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.buffer = bytearray()
        self.transport = None
        self.connected = asyncio.get_running_loop().create_future()
        self.finished = asyncio.get_running_loop().create_future()
        self.started = 0.0
        self.in_flight = False

    def connection_made(self, transport) -> None:
        self.transport = transport
        if not self.connected.done():
            self.connected.set_result(None)

    def send(self) -> None:
        self.started = time.perf_counter()
        self.in_flight = True
        self.transport.write(self.run.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.in_flight:
            done = self._parse()
            if done is None:
                return
            status, close = done
            self.in_flight = False
            self.run.record(time.perf_counter() - self.started, status)
            if close:
                self.transport.close()  # connection_lost reconnects
                return
            self._next()

    def _next(self) -> None:
        if time.perf_counter() < self.run.stop_at:
            self.send()
        else:
            self.transport.close()
            if not self.finished.done():
                self.finished.set_result(None)

    def _parse(self):
        """(status, server closes) once a whole response is buffered, else None."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = bytes(self.buffer[:end]).split(b"\r\n")
        status = int(head[0].split(b" ", 2)[1])
        length, chunked, close = 0, False, False
        for line in head[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        body = end + 4
        if not chunked:
            if len(self.buffer) < body + length:
                return None
            del self.buffer[: body + length]
            return status, close
        position = body
        while True:
            line_end = self.buffer.find(b"\r\n", position)
            if line_end < 0:
                return None
            size = int(bytes(self.buffer[position:line_end]).split(b";")[0], 16)
            position = line_end + 2 + size + 2
            if len(self.buffer) < position:
                return None
            if size == 0:
                del self.buffer[:position]
                return status, close

    def connection_lost(self, exc) -> None:
        if self.finished.done():
            return
        if self.in_flight or time.perf_counter() < self.run.stop_at:
            if self.in_flight:
                self.run.record(time.perf_counter() - self.started, 599)
            self.run.reconnects += 1
            asyncio.ensure_future(self._reconnect())
        else:
            self.finished.set_result(None)

    async def _reconnect(self) -> None:
        self.buffer.clear()
        self.in_flight = False
        try:
            await asyncio.get_running_loop().create_connection(
                lambda: self, self.run.host, self.run.port
            )
        except OSError:
            await asyncio.sleep(0.05)
            self.run.reconnects += 1
            if time.perf_counter() < self.run.stop_at:
                asyncio.ensure_future(self._reconnect())
                return
            if not self.finished.done():
                self.finished.set_result(None)
            return
        self._next()


class Run:
    def __init__(self, host: str, port: int, request: bytes) -> None:
        self.host, self.port, self.request = host, port, request
        self.latencies: list[float] = []
        self.errors: dict[int, int] = {}
        self.reconnects = 0
        self.stop_at = float("inf")

    def record(self, latency: float, status: int) -> None:
        self.latencies.append(latency)
        if not 200 <= status < 300:
            self.errors[status] = self.errors.get(status, 0) + 1


async def main(args) -> dict:
    payload = (args.body or "").encode()
    lines = [f"{args.method} {args.path} HTTP/1.1", f"Host: {args.host}:{args.port}"]
    lines += args.header
    if payload:
        lines += [f"Content-Type: {args.content_type}", f"Content-Length: {len(payload)}"]
    request = ("\r\n".join([*lines, "Connection: keep-alive", "", ""])).encode() + payload
    run = Run(args.host, args.port, request)
    loop = asyncio.get_running_loop()
    connections = []
    for _ in range(args.connections):
        conn = Connection(run)
        await loop.create_connection(lambda conn=conn: conn, args.host, args.port)
        connections.append(conn)
    cpu_before = cpu_seconds(args.pid)
    started = time.perf_counter()
    run.stop_at = started + args.seconds
    for conn in connections:
        conn.send()
    done, pending = await asyncio.wait(
        [c.finished for c in connections], timeout=args.seconds + args.grace
    )
    elapsed = time.perf_counter() - started
    cpu_after = cpu_seconds(args.pid)
    for conn in connections:
        if conn.transport is not None:
            conn.transport.close()
    latencies = sorted(run.latencies)
    count = len(latencies)

    def pct(p: float) -> float:
        return latencies[min(count - 1, int(count * p))] * 1000 if count else 0.0

    cpu = None if cpu_before is None else cpu_after - cpu_before
    return {
        "requests": count,
        "errors": sum(run.errors.values()),
        "statuses": {str(k): v for k, v in sorted(run.errors.items())},
        "stuck_connections": len(pending),
        "reconnects": run.reconnects,
        "seconds": elapsed,
        "rps": count / elapsed,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "cpu_ms_per_request": (cpu * 1000 / count) if cpu is not None and count else None,
        "server_cpu": (cpu / elapsed) if cpu is not None else None,
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default="")
    parser.add_argument("--content-type", default="application/json", help="of --body")
    parser.add_argument("--pid", type=int, default=None, help="server process to measure")
    parser.add_argument("--grace", type=float, default=30.0, help="seconds to wait for stragglers")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    if uvloop is not None:
        uvloop.install()
    print(json.dumps(asyncio.run(main(arguments))))
