"""HTTP helpers the identity tests share: sign in, make a personal key, header shapes."""

from __future__ import annotations

import uuid

from tests.factories import PASSWORD


def login(client, username: str, password: str = PASSWORD):
    return client.post("/v2/auth/login", json={"username": username, "password": password})


def bearer(client, username: str) -> dict[str, str]:
    """Sign in as `username`: the Authorization header of its access token."""
    response = login(client, username)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def personal_key(client, headers, permissions, **extra) -> dict:
    """POST /v2/auth/api-keys (seed 000) as the signed-in caller: the created key."""
    body = {"name": "mine", "permissions": permissions, **extra}
    response = client.post("/v2/auth/api-keys", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def key(secret: str) -> dict[str, str]:
    return {"X-API-Key": secret}


def new_user_body() -> dict[str, str]:
    name = f"rv{uuid.uuid4().hex[:10]}"
    return {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
