"""The data benchmarks' report (bench/data_scale.py, bench/data_parse.py): tables, plans, and the
issue's targets as PASS/FAIL lines."""

from __future__ import annotations

import os
import sqlite3
import textwrap

from bench.run import CONNECTIONS, ROUNDS, SECONDS, postgres_version

WITHIN_GET = 2.0  # indexed filter p50 within 2x of the GET by id at 1M
FLAT = 1.5  # p50 at 1M within 1.5x of the p50 at 10k ("flat")
BATCH_TARGET_MS = {"postgresql": 150.0, "sqlite": 250.0}
INDEXED = (
    "category eq, exact count",
    "category eq, count=none",
    "price range, exact count",
    "price range, count=none",
)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def para(text: str) -> None:
    print(textwrap.fill(text, 100, subsequent_indent="  "))


def report(results: dict, small: int, total: int, elapsed: float) -> None:
    print()
    print("=" * 100)
    para(
        f"Data collections at scale (issue 8): Charter /v2/data, one uvicorn process on 127.0.0.1, "
        f"on SQLite {sqlite3.sqlite_version} and PostgreSQL {_pg_version()}. Latencies: "
        "sequential requests on one keep-alive connection, client wall time in ms (server time "
        "plus loopback); CPU: the server process's ms per request (PostgreSQL's own work is "
        f"in its backends, not counted). {os.cpu_count()} CPUs shared with PostgreSQL and with "
        "other work on this machine: the numbers are noisy."
    )
    for run in results["scale"]:
        dialect_report(run, small, total)
    parse_report(results.get("parse", {}))
    print(f"\n(data part: {elapsed:.0f} s)")


def _pg_version() -> str:
    try:
        return postgres_version()
    except Exception:  # noqa: BLE001
        return "?"


def dialect_report(run: dict, small: int, total: int) -> None:
    dialect = run["dialect"]
    print(f"\n{'SQLite' if dialect == 'sqlite' else 'PostgreSQL'}")
    how = "COPY" if dialect == "postgresql" else "multi-row INSERT, 500 rows a statement"
    for key, label in (("seed_small", "seeded"), ("seed_large", "added")):
        if key in run:
            s = run[key]
            analyze = s["with_analyze"] - s["seconds"]
            extra = f", then ANALYZE {analyze:.1f} s" if dialect == "postgresql" else ""
            rate = s["records"] / s["seconds"] if s["seconds"] else 0
            print(
                f"  {label} {s['records']:>9,} records in {s['seconds']:6.1f} s "
                f"({rate:,.0f}/s, {how}){extra}"
            )
    declare = run.get("declare")
    if declare:
        if declare["ok"]:
            names = ", ".join(run.get("indexes", [])) or "NONE"
            print(
                f'  PUT /v2/collections/items {{"indexes": ["category", "price"]}}: '
                f"{declare['seconds']:.2f} s; expression indexes now on records:"
            )
            print(textwrap.fill(names, 100, initial_indent="    ", subsequent_indent="    "))
        else:
            print(f"  indexes NOT declared: {declare['why']}")
    if "small" in run:
        latency_table(run, small, total)
    if "plans" in run:
        plans_report(run["plans"], dialect)
    if "batch" in run:
        batch_line(run["batch"], dialect)
    if "error" in run:
        print(f"  FAILED: {run['error']}")
    targets(run, dialect)


def _k(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def latency_table(run: dict, small: int, total: int) -> None:
    a, b = _k(small), _k(total)
    print(
        f"\n  {'request (limit=20)':36s} {a + ' p50':>8s} {'p95':>7s} {'CPU':>6s} "
        f"{b + ' p50':>9s} {'p95':>8s} {'CPU':>6s} {b + '/' + a:>7s} {'n':>4s}  total"
    )
    large = run.get("large", {})
    for label in {**run["small"], **large}:
        s, l_ = run["small"].get(label), large.get(label)
        left = f"{s['p50']:8.2f} {s['p95']:7.2f} {s['cpu_ms']:6.2f}" if s else " " * 23
        right = f"{l_['p50']:9.2f} {l_['p95']:8.2f} {l_['cpu_ms']:6.2f}" if l_ else " " * 25
        ratio = f"{l_['p50'] / s['p50']:7.2f}" if s and l_ else " " * 7
        n = (l_ or s)["n"]
        total_seen = (l_ or s).get("total", "")
        print(f"  {label:36s} {left} {right} {ratio} {n:4d}  {total_seen}")
        for name, r in (("10k", s), ("1M", l_)):
            if r and r.get("problem"):
                print(f"      !! {name}: {r['problem']}")
            elif r and r.get("non_2xx"):
                print(f"      !! {name}: {r['non_2xx']} non-2xx responses")


def plans_report(plans: dict, dialect: str) -> None:
    how = "EXPLAIN (ANALYZE, COSTS OFF)" if dialect == "postgresql" else "EXPLAIN QUERY PLAN"
    print(f"\n  Plans: each filter compiled by Charter's own code (records.query), {how}:")
    if "error" in plans:
        print(f"    FAIL could not explain: {plans['error']}")
        return
    for label, plan in plans.items():
        if "error" in plan:
            print(f"    {label}: FAIL {plan['error']}")
            continue
        for statement in plan["statements"]:
            print(f"    {label} ({statement['kind']}):")
            for line in statement["plan"]:
                print(plan_line(line))
        declared = [n for n in plan["indexes"] if n.startswith("ix_records_f_")]
        if "no index" in label:
            reads = ", ".join(plan["indexes"]) or "the table"
            print(f"    -> {label}: reads {reads} (no declared index: a scan)")
        else:
            every = all(
                any("ix_records_f_" in line for line in s["plan"]) for s in plan["statements"]
            )
            print(
                f"    {verdict(every and bool(declared))} {label} uses the declared index "
                f"({', '.join(declared) or 'none'}) in every statement"
            )


def plan_line(line: str, width: int = 100, most: int = 700) -> str:
    """A plan line, wrapped under its own indentation (filters over JSON are long)."""
    indent = " " * (6 + len(line) - len(line.lstrip()))
    text = line.strip()
    text = text if len(text) <= most else text[:most] + " ..."
    return textwrap.fill(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent + "    ",
        break_on_hyphens=False,
    )


def batch_line(batch: dict, dialect: str) -> None:
    if batch.get("problem"):
        print(f"\n  batch create of 1,000: not measured: {batch['problem']}")
        return
    print(
        f"\n  batch create of 1,000 (POST /v2/data/batchitems/batch): p50 {batch['p50']:.0f} ms, "
        f"p95 {batch['p95']:.0f} ms, CPU {batch['cpu_ms']:.0f} ms/request ({batch['n']} requests)"
    )


def targets(run: dict, dialect: str) -> None:
    print("\n  Targets:")
    large, small = run.get("large", {}), run.get("small", {})
    get = large.get("GET by id")
    for label in INDEXED:
        r = large.get(label)
        if not r or not get or r.get("problem") or get.get("problem"):
            why = (r or {}).get("problem") or "not measured"
            print(f"    FAIL {label} within {WITHIN_GET:g}x of GET by id at 1M: {why}")
            continue
        ratio = r["p50"] / get["p50"]
        print(
            f"    {verdict(ratio <= WITHIN_GET)} {label}: p50 {ratio:.2f}x GET by id at 1M "
            f"({r['p50']:.2f} vs {get['p50']:.2f} ms; target <= {WITHIN_GET:g}x)"
        )
    for label in ("GET by id", *INDEXED):
        a, b = small.get(label), large.get(label)
        if not a or not b or a.get("problem") or b.get("problem"):
            print(f"    FAIL {label} flat 10k -> 1M: not measured")
            continue
        ratio = b["p50"] / a["p50"]
        print(
            f"    {verdict(ratio <= FLAT)} {label} flat 10k -> 1M: p50 {ratio:.2f}x "
            f"({a['p50']:.2f} -> {b['p50']:.2f} ms; target <= {FLAT:g}x)"
        )
    limit = BATCH_TARGET_MS[dialect]
    batch = run.get("batch")
    if not batch or batch.get("problem"):
        print(f"    FAIL batch create of 1,000 under {limit:.0f} ms: not measured")
    else:
        print(
            f"    {verdict(batch['p50'] < limit)} batch create of 1,000: p50 {batch['p50']:.0f} ms "
            f"(target < {limit:.0f} ms)"
        )


def parse_report(out: dict) -> None:
    print("\nCharter vs Parse Server, same PostgreSQL (bench/data_parse.py)")
    if "skipped" in out or not out:
        print(f"  SKIPPED: {out.get('skipped', 'not run')}")
        return
    info = out.get("info", {})
    version = info.get("Parse", {}).get("version", "9 (not run)")
    para(
        f"  Parse Server {version} (one node process) and Charter (one uvicorn process), "
        f"{out['records']:,} records each, loaded by COPY; {CONNECTIONS} keep-alive connections "
        f"from bench/loadgen.py, median of {ROUNDS} runs of {SECONDS:g} s, systems alternated. "
        "Parse called with its REST API key; Charter with an API key on a plan whose limit "
        "never binds but is checked."
    )
    for name, data in info.items():
        names = ", ".join(data.get("indexes", []))
        print(
            textwrap.fill(
                f"{name} indexes: {names}", 100, initial_indent="  ", subsequent_indent="    "
            )
        )
    for name, why in out.get("failures", {}).items():
        print(f"  {name} FAILED: {why}")
    results = out.get("results", {})
    print(
        f"\n  {'operation':26s} {'system':8s} {'req/s':>8s} {'CPU ms/req':>10s} "
        f"{'p50 ms':>7s} {'p99 ms':>7s}  non-2xx"
    )
    from bench.data_parse import LABELS, OPS

    for op in OPS:
        for name in ("Charter", "Parse"):
            r = results.get(name, {}).get(op)
            why = out.get("broken", {}).get(name, {}).get(op)
            if r:
                print(
                    f"  {LABELS[op]:26s} {name:8s} {r['rps']:8.0f} {r['cpu_ms']:10.2f} "
                    f"{r['p50_ms']:7.1f} {r['p99_ms']:7.1f}  {r['errors']}"
                )
            elif why:
                print(f"  {LABELS[op]:26s} {name:8s} not measured: {why[:120]}")
    parse_targets(results)


def parse_targets(results: dict) -> None:
    from bench.data_parse import LABELS

    print("\n  Targets (Charter vs Parse, same run; at least 1.0x Parse):")
    charter, parse = results.get("Charter", {}), results.get("Parse", {})
    for op, parse_op in (
        ("get", "get"),
        ("create", "create"),
        ("filter", "filter"),
        ("filter_none", "filter"),
    ):
        label = LABELS[op].strip(" ()") if op != "filter_none" else "category eq with count=none"
        c, p = charter.get(op), parse.get(parse_op)
        if not c or not p:
            print(f"    FAIL {label}: not measured for both")
            continue
        rps, cpu = c["rps"] / p["rps"], c["cpu_ms"] / p["cpu_ms"] if p["cpu_ms"] else float("nan")
        dirty = "  [non-2xx responses: not valid]" if c["errors"] or p["errors"] else ""
        print(
            f"    {verdict(rps >= 1.0 and not dirty)} {label}: throughput {rps:.2f}x Parse "
            f"({c['rps']:.0f} vs {p['rps']:.0f}/s), CPU/request {cpu:.2f}x "
            f"({c['cpu_ms']:.2f} vs {p['cpu_ms']:.2f} ms){dirty}"
        )
