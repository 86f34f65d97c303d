"""Query plans of record filters as Charter runs them (used by bench/data_scale.py).

Run as a script with Charter's environment (CHARTER_DATABASE_URL) and Charter on the path:

    python bench/data_plans.py '{"org": ..., "collection": ..., "queries": [{"label": ...,
        "filter": ..., "count": "exact"}]}'

Each query goes through Charter's own service (charter.data.records.query: the filter parsed by
charter/data/filters.py and compiled by storage/repositories/record_query.py) on a real session;
every statement it sends is captured and explained with the same parameters: EXPLAIN (ANALYZE)
on PostgreSQL, EXPLAIN QUERY PLAN on SQLite. Prints one JSON object: label -> {"statements":
[{"kind": "list"|"count"|..., "plan": [lines]}], "indexes": [index names the plans read]}, or
{"error": ...}.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import sys
from typing import Any

INDEX_NAME = re.compile(r"\b(ix_records_[A-Za-z0-9_]+|records_pkey)\b")


def _actor(org: str) -> Any:
    from charter.identity.principals import Actor, Principal

    principal = Principal(
        kind="api_key",
        id="key_bench",
        organization_id=org,
        user_id=None,
        scopes=frozenset({"read:data", "write:data"}),
        livemode=True,
        is_superuser=False,
        plan="bench",
        requests_per_minute=None,
        requests_per_day=None,
    )
    return Actor(principal=principal)


def _kind(statement: str) -> str:
    head = " ".join(statement.split())[:200].lower()
    return "count" if "count(" in head else "list"


async def _explain(db: Any, statement: str, parameters: Any) -> list[str]:
    async with db.read() as session:
        conn = await session.connection()
        if db.dialect == "sqlite":
            result = await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            return [f"{row[-1]}" for row in result.all()]
        prefix = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
        result = await conn.exec_driver_sql(prefix + statement, parameters)
        return [row[0] for row in result.all()]


async def plans(spec: dict) -> dict:
    from charter.data import records
    from charter.platform import runtime
    from charter.platform.settings import get_settings

    db = runtime.init(get_settings()).db  # Charter's own engine settings, as the server's
    captured: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "records" in statement:
            captured.append((statement, parameters))

    db.listen("before_cursor_execute", capture)
    accepted = inspect.signature(records.query).parameters
    out: dict[str, Any] = {}
    for query in spec["queries"]:
        captured.clear()
        kwargs: dict[str, Any] = {"filter": query["filter"], "limit": 20}
        if "count" in accepted and query.get("count"):
            kwargs["count"] = query["count"]
        try:
            async with db.read() as session:
                await records.query(session, _actor(spec["org"]), spec["collection"], **kwargs)
            statements = list(captured)
            explained = []
            for statement, parameters in statements:
                lines = await _explain(db, statement, parameters)
                explained.append({"kind": _kind(statement), "plan": lines})
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            out[query["label"]] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            continue
        names = sorted({m for s in explained for line in s["plan"] for m in _indexes(line)})
        out[query["label"]] = {
            "statements": explained,
            "indexes": names,
            "count_param": "count" in kwargs,
        }
    db.unlisten("before_cursor_execute", capture)
    return out


def _indexes(line: str) -> list[str]:
    """Index names a plan line reads (SQLite: 'USING INDEX x' / 'USING COVERING INDEX x';
    PostgreSQL: 'Index Scan using x', 'Bitmap Index Scan on x')."""
    if "INDEX" not in line.upper():
        return []
    return INDEX_NAME.findall(line)


def main() -> int:
    spec = json.loads(sys.argv[1])
    try:
        result = asyncio.run(plans(spec))
    except Exception as exc:  # noqa: BLE001
        result = {"error": f"{type(exc).__name__}: {exc}"[:800]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
