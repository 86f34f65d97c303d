"""Shared state across server processes: revocation and logout reach every process within 1 s."""

from __future__ import annotations

import time

import httpx

from tests.conftest import ServerProcess, server_env
from tests.factories import create_user


def test_key_revoked_on_one_process_is_refused_by_another_within_a_second(settings, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    env = server_env(settings)
    with ServerProcess(env) as a, ServerProcess(env) as b:
        admin = {"X-API-Key": tenant.key}
        key = httpx.post(
            f"{a.url}/v1/keys", headers=admin, json={"name": "doomed", "scopes": ["users:read"]}
        ).json()["data"]
        victim = {"X-API-Key": key["secret"]}
        assert httpx.get(f"{b.url}/v1/users", headers=victim).status_code == 200  # now cached in b
        assert httpx.delete(f"{a.url}/v1/keys/{key['id']}", headers=admin).status_code == 204
        assert httpx.get(f"{a.url}/v1/users", headers=victim).status_code == 401  # at once in a
        time.sleep(1.05)
        assert httpx.get(f"{b.url}/v1/users", headers=victim).status_code == 401


def test_logout_on_one_process_is_honoured_by_another(settings, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    user = create_user(
        tenant.organization_id, username=f"multi.{tenant.organization_id[-6:].lower()}"
    )
    env = server_env(settings)
    with ServerProcess(env) as a, ServerProcess(env) as b:
        tokens = httpx.post(
            f"{a.url}/v2/auth/login",
            json={"username": user.username, "password": "correct horse battery staple"},
        ).json()
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert httpx.get(f"{b.url}/v1/users", headers=bearer).status_code == 200
        assert httpx.post(f"{a.url}/v2/auth/logout", headers=bearer).status_code == 204
        time.sleep(1.05)
        assert httpx.get(f"{b.url}/v1/users", headers=bearer).status_code == 401
        refreshed = httpx.post(
            f"{b.url}/v2/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
        )
        assert refreshed.status_code == 401
