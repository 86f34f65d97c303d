"""The `charter` command: bootstrap, openapi, configuration errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

from tests import db as testdb
from tests.conftest import ROOT


def _charter(*args, env_extra=None, settings=None):
    env = {**os.environ, "CHARTER_LOG_LEVEL": "WARNING"}
    if settings is not None:
        env.update(
            CHARTER_DATABASE_URL=settings.database_url,
            CHARTER_VAR_DIR=str(settings.var_dir),
            CHARTER_SECRET_KEY=settings.secret_key,
        )
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "charter.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_bootstrap_prints_one_json_object_and_refuses_a_second_time(settings, client):
    username = f"boot-{uuid.uuid4().hex[:8]}"
    org_name = f"Boot Co {username}"
    args = (
        "bootstrap",
        "--org",
        org_name,
        "--username",
        username,
        "--email",
        "b@example.com",
        "--password",
        "correct horse battery",
    )
    first = _charter(*args, settings=settings)
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert set(result) == {"organization_id", "user_id", "api_key", "superuser"}
    assert result["api_key"].startswith("sk_live_") and result["superuser"] is False
    response = client.get(
        f"/v1/organizations/{result['organization_id']}", headers={"X-API-Key": result["api_key"]}
    )
    assert response.status_code == 200

    second = _charter(*args, settings=settings)
    assert second.returncode == 1
    assert second.stdout == ""
    assert "already exists" in second.stderr
    assert testdb.count_organizations(org_name) == 1
    assert response.json()["data"]["name"] == org_name


def test_a_bootstrapped_admin_is_a_tenant_admin_not_an_operator(settings, client, make_tenant):
    username = f"boot-{uuid.uuid4().hex[:8]}"
    out = _charter(
        *("bootstrap", "--org", f"Tenant {username}", "--username", username),
        *("--email", "t@example.com", "--password", "correct horse battery"),
        settings=settings,
    )
    assert out.returncode == 0, out.stderr
    key = {"X-API-Key": json.loads(out.stdout)["api_key"]}
    other = make_tenant()
    assert client.get(f"/v1/organizations/{other.organization_id}", headers=key).status_code == 404
    assert client.post("/v1/organizations", headers=key, json={"name": "Mine"}).status_code == 403
    listed = client.get("/v1/organizations", headers=key).json()
    assert [o["id"] for o in listed["data"]] == [json.loads(out.stdout)["organization_id"]]


def test_the_platform_operator_is_created_once(settings, new_database, tmp_path):
    env = {"CHARTER_DATABASE_URL": new_database(), "CHARTER_VAR_DIR": str(tmp_path)}

    def bootstrap(username: str):
        return _charter(
            *("bootstrap", "--org", "Operator", "--username", username, "--superuser"),
            *("--email", f"{username}@example.com", "--password", "correct horse battery"),
            settings=settings,
            env_extra=env,
        )

    first = bootstrap("operator-1")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["superuser"] is True
    second = bootstrap("operator-2")
    assert second.returncode == 1
    assert "operator exists already" in second.stderr


def test_openapi_command_prints_the_served_spec(client, tmp_path):
    result = _charter("openapi", "v2", env_extra={"CHARTER_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == client.get("/v2/openapi.json").json()


def test_bad_configuration_names_the_variable(tmp_path):
    result = _charter(
        "migrate", env_extra={"CHARTER_THREADS": "zero", "CHARTER_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "CHARTER_THREADS" in result.stderr
    production = _charter(
        "migrate", env_extra={"CHARTER_ENV": "production", "CHARTER_VAR_DIR": str(tmp_path)}
    )
    assert production.returncode == 2
    assert "CHARTER_SECRET_KEY" in production.stderr


def test_bad_encryption_key_names_the_variable(tmp_path):
    result = _charter(
        "migrate", env_extra={"CHARTER_ENCRYPTION_KEYS": "short", "CHARTER_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 2 and "CHARTER_ENCRYPTION_KEYS" in result.stderr


def test_rotate_pii_command(settings, client):
    result = _charter("rotate-pii", settings=settings)
    assert result.returncode == 0, result.stderr
    assert "re-encrypted" in result.stderr
