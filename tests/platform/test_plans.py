"""The plans of every seed: in the database after migrating, in the docs, in the spec, in force."""

from __future__ import annotations

import re

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from charter.platform import runtime
from charter.platform.spec import bundled_spec
from storage.db import Database
from storage.migrate import alembic_config
from storage.models import Plan
from tests.conftest import ROOT

# seed tier -> (plan id, per minute, per hour, per day, burst per second); None: no limit.
TIERS = {
    ("000", "Free"): ("free", 60, None, 10_000, None),
    ("000", "Pro"): ("pro", 300, None, 100_000, None),
    ("000", "Enterprise"): ("enterprise", 1000, None, None, None),
    ("001", "Basic"): ("cloudsync-basic", 60, None, 10_000, None),
    ("001", "Professional"): ("cloudsync-professional", 300, None, 100_000, None),
    ("001", "Enterprise"): ("cloudsync-enterprise", 1000, None, None, None),
    ("002", "Standard"): ("platform-standard", 100, None, None, None),
    ("002", "Professional"): ("platform-professional", 1000, None, None, None),
    ("004", "Free"): ("hourly-free", None, 100, None, 10),
    ("004", "Starter"): ("hourly-starter", None, 1000, None, 50),
    ("004", "Pro"): ("hourly-pro", None, 10_000, None, 200),
    ("004", "Enterprise"): ("hourly-enterprise", None, None, None, None),
}
NEW_IN_0003 = [plan[0] for (seed, _), plan in TIERS.items() if seed != "000"]


def _limits(plan: Plan) -> tuple:
    return (
        plan.name,
        plan.requests_per_minute,
        plan.requests_per_hour,
        plan.requests_per_day,
        plan.burst,
    )


def test_every_seed_tier_has_its_own_plan_after_migrating(app):
    with runtime.current().db.sync_transaction() as session:
        plans = {p.name: _limits(p) for p in session.scalars(select(Plan))}
    for tier, expected in TIERS.items():
        assert plans.get(expected[0]) == expected, tier
    assert len({plan[0] for plan in TIERS.values()}) == len(TIERS)  # one id per tier


def _documented_tiers() -> dict[tuple[str, str], tuple]:
    """The seed-tier table of docs/RATE_LIMITS.md."""

    def number(cell: str) -> int | None:
        return None if cell == "-" else int(cell.replace(",", ""))

    rows = {}
    for line in (ROOT / "docs" / "RATE_LIMITS.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and re.fullmatch(r"\d{3}", cells[0]):
            seed, tier, plan_id, *limits = cells
            rows[(seed, tier)] = (plan_id.strip("`"), *map(number, limits))
    return rows


def test_the_documented_tier_table_is_the_database(app):
    assert _documented_tiers() == TIERS


def test_the_spec_lists_every_plan_id_with_its_limits():
    schemas = bundled_spec("v1")["components"]["schemas"]
    assert schemas["PlanName"]["enum"] == [plan[0] for plan in TIERS.values()]
    description = schemas["Organization"]["properties"]["plan"]["description"]
    for plan in TIERS.values():
        assert f"`{plan[0]}`" in description


@pytest.mark.parametrize("plan", ["hourly-starter", "cloudsync-basic", "platform-professional"])
def test_a_superuser_moves_an_organization_to_a_seed_plan(client, make_tenant, superuser, plan):
    tenant = make_tenant(plan="free", scopes=["admin"])
    response = client.patch(
        f"/v1/organizations/{tenant.organization_id}",
        json={"plan": plan},
        headers={"X-API-Key": superuser.key},
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["plan"] == plan


@pytest.mark.parametrize(
    ("plan", "policy"),
    [
        ("cloudsync-basic", '"plan-cloudsync-basic-minute";q=60;w=60'),
        ("platform-standard", '"plan-platform-standard-minute";q=100;w=60'),
        ("hourly-pro", '"plan-hourly-pro-burst";q=200;w=1'),
    ],
)
def test_a_plan_windows_reach_the_rate_limiter(client, make_tenant, plan, policy):
    tenant = make_tenant(plan=plan, scopes=["admin"])
    response = client.get("/v1/organizations", headers={"X-API-Key": tenant.key})
    assert response.status_code == 200
    assert response.headers["ratelimit-policy"] == policy


def _engine(url: str):
    """The server's own synchronous engine (on SQLite: foreign keys on, as in production)."""
    return Database(url.replace("postgresql://", "postgresql+psycopg://", 1)).engine


def _migrate(url: str, action, revision: str) -> None:
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            config = alembic_config(str(engine.url))
            config.attributes["connection"] = connection
            action(config, revision)
            connection.commit()
    finally:
        engine.dispose()


def test_migration_0003_adds_the_windows_and_plans_and_takes_them_back(new_database):
    url = new_database()
    _migrate(url, command.upgrade, "0002")
    _migrate(url, command.upgrade, "head")
    engine = _engine(url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("plans")}
        assert {"requests_per_hour", "burst"} <= columns
        with engine.begin() as conn:
            names = set(conn.scalars(text("SELECT name FROM plans")))
            assert set(NEW_IN_0003) <= names
            conn.execute(
                text(
                    "INSERT INTO organizations (id, name, plan, created_at, updated_at) "
                    "VALUES ('org_m', 'M', 'hourly-free', :now, :now)"
                ),
                {"now": "2026-01-01 00:00:00+00:00"},
            )
        with pytest.raises(RuntimeError, match="1 organization"):
            _migrate(url, command.downgrade, "0002")
        with engine.begin() as conn:
            conn.execute(text("UPDATE organizations SET plan = 'free'"))
        _migrate(url, command.downgrade, "0002")
        columns = {c["name"] for c in inspect(engine).get_columns("plans")}
        assert not {"requests_per_hour", "burst"} & columns
        with engine.connect() as conn:
            names = set(conn.scalars(text("SELECT name FROM plans")))
        assert names == {"free", "pro", "enterprise", "unlimited"}
        _migrate(url, command.upgrade, "head")
    finally:
        engine.dispose()
