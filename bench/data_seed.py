"""Records for the data benchmarks (bench/data_scale.py), written straight into the `records`
table as storage/models/data.py and migration 0004 define it: COPY on PostgreSQL, multi-row
INSERTs (500 rows a statement) on SQLite. Also: a Charter database made ready for the data
benchmarks on either dialect (migrated, a plan whose limit never binds, a tenant and its key).

The records are built so that the benchmarked filters select the same records at every size:

  rows [0, small)       category cat-00000..cat-<hot-1> (hot = small / 200: ~200 records each),
                        price uniform in [0, 1000)
  rows [small, total)   category cat-<hot>..cat-04999 (~200 each at 1M), price in [1000, 100000)

so `category:eq:cat-00007` and `price:gte:500;price:lt:520` pick ~200 records at 10k and the
same ~200 at 1M: only the table around them grows. `color` (10 values, never indexed), `name`
and `tags` complete each record. created_at grows with the row number (1 ms apart), so the
newest records are the last written, as in a collection that grows.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy.dialects import sqlite as sqlite_dialect

from bench.run import PASSWORD, PLAN, PLAN_PER_MINUTE, charter_cli

CATEGORIES = 5000
PER_CATEGORY = 200
COLORS = ("red", "green", "blue", "black", "white", "teal", "olive", "navy", "gray", "amber")
TAGS = ("new", "sale", "eco", "gift", "bulk", "rare", "classic", "limited")
COLUMNS = (
    "id",
    "organization_id",
    "livemode",
    "collection",
    "data",
    "metadata",
    "version",
    "created_at",
    "updated_at",
    "expires_at",
)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
EPOCH = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)


def hot_categories(small: int) -> int:
    return max(1, min(CATEGORIES - 1, small // PER_CATEGORY))


def document(i: int, small: int, rng: random.Random) -> dict:
    hot = hot_categories(small)
    if i < small:
        category, price = i % hot, rng.uniform(0, 1000)
    else:
        category, price = hot + (i - small) % (CATEGORIES - hot), rng.uniform(1000, 100_000)
    return {
        "name": f"Item {i}",
        "category": f"cat-{category:05d}",
        "price": round(price, 2),
        "color": COLORS[rng.randrange(len(COLORS))],
        "tags": rng.sample(TAGS, rng.randint(1, 3)),
    }


def record_id(rng: random.Random) -> str:
    """rec_ and 16 base-62 characters, as charter.platform.clock.new_id makes them."""
    return "rec_" + "".join(rng.choices(ALPHABET, k=16))


def rows(org: str, collection: str, start: int, count: int, small: int):
    """Rows start .. start+count-1 as tuples in COLUMNS order (data as JSON text)."""
    rng = random.Random(f"charter-bench-{start}")  # noqa: S311 - reproducible, not secret
    for i in range(start, start + count):
        at = EPOCH + timedelta(milliseconds=i)
        data = json.dumps(document(i, small, rng), separators=(",", ":"))
        yield (record_id(rng), org, True, collection, data, "{}", 1, at, at, None)


def seed_postgres(url: str, org: str, collection: str, start: int, count: int, small: int):
    """COPY the rows in; then ANALYZE, as autovacuum would after a bulk load."""
    started = time.perf_counter()
    names = ", ".join(COLUMNS)
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.cursor().copy(f"COPY records ({names}) FROM STDIN") as copy:  # noqa: S608
            for row in rows(org, collection, start, count, small):
                copy.write_row(row)
        loaded = time.perf_counter() - started
        conn.execute("ANALYZE records")
    return loaded, time.perf_counter() - started


def _sqlite_processors() -> list:
    """The bind processors SQLAlchemy applies to each column on SQLite (datetime text, JSON),
    so the rows are stored exactly as Charter stores its own."""
    from storage.models import Record

    dialect = sqlite_dialect.dialect()
    table = Record.__table__
    found = []
    for name in COLUMNS:
        processor = table.c[name].type.bind_processor(dialect)
        found.append(processor if name not in ("data", "metadata") else None)
    return found


def seed_sqlite(path: str, org: str, collection: str, start: int, count: int, small: int):
    started = time.perf_counter()
    processors = _sqlite_processors()
    per_statement = 500
    one = "(" + ", ".join("?" * len(COLUMNS)) + ")"
    conn = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("BEGIN IMMEDIATE")
        batch: list = []
        written = 0
        for row in rows(org, collection, start, count, small):
            batch.extend(p(v) if p else v for p, v in zip(processors, row, strict=True))
            written += 1
            if written % per_statement == 0 or written == count:
                values = ", ".join([one] * (len(batch) // len(COLUMNS)))
                conn.execute(f"INSERT INTO records ({', '.join(COLUMNS)}) VALUES {values}", batch)  # noqa: S608
                batch = []
            if written % 100_000 == 0:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
    finally:
        conn.close()
    loaded = time.perf_counter() - started
    return loaded, loaded


def check_columns(conn_columns: list[str]) -> None:
    """The records table still has the columns the seeder writes (and no other required one)."""
    missing = [c for c in COLUMNS if c not in conn_columns]
    if missing:
        raise RuntimeError(f"records table lacks {missing}: the seeder is out of date")


def table_columns(dialect: str, target: str) -> list[str]:
    if dialect == "sqlite":
        with sqlite3.connect(target) as conn:
            return [r[1] for r in conn.execute("PRAGMA table_info(records)")]
    with psycopg.connect(target) as conn:
        query = "SELECT column_name FROM information_schema.columns WHERE table_name = 'records'"
        return [r[0] for r in conn.execute(query)]


# A Charter database ready for the data benchmarks -----------------------------------------------


def insert_plan(dialect: str, target: str) -> None:
    args = (PLAN, PLAN_PER_MINUTE, "Benchmark: 1,000,000/min, checked on every request")
    if dialect == "sqlite":
        with sqlite3.connect(target) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO plans (name, requests_per_minute, requests_per_day, "
                "description) VALUES (?, ?, NULL, ?)",
                args,
            )
        return
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO plans (name, requests_per_minute, requests_per_day, description) "
            "VALUES (%s, %s, NULL, %s) ON CONFLICT (name) DO NOTHING",
            args,
        )


def prepare(env: dict, dialect: str, target: str) -> dict:
    """Migrated schema, the bench plan, a tenant admin and its all-scope key (sk_live_...)."""
    charter_cli(["migrate"], env)
    check_columns(table_columns(dialect, target))
    insert_plan(dialect, target)
    out = charter_cli(
        [
            "bootstrap",
            "--org",
            "Bench data",
            "--username",
            "bench",
            "--email",
            "bench@example.com",
            "--password",
            PASSWORD,
            "--plan",
            PLAN,
        ],
        env,
    )
    return json.loads([line for line in out.splitlines() if line.startswith("{")][-1])


def sample_id(org: str, collection: str, index: int, small: int) -> str:
    """The id row `index` was given (the rows are reproducible)."""
    start = 0 if index < small else small
    for i, row in enumerate(rows(org, collection, start, index - start + 1, small)):
        if i == index - start:
            return row[0]
    raise ValueError(index)
