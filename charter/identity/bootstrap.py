"""First-run setup: an organization, its admin and an all-scope API key, created by the same
services the API uses, in one transaction.

Without `superuser` that admin is a tenant admin: they see and manage only their organization.
With it (`charter bootstrap --superuser`) they are the platform operator, who can create, see and
change every organization; there is one operator, created once.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from charter.identity import keys, organizations, users
from charter.identity.principals import SYSTEM
from charter.platform.errors import Conflict, Invalid
from charter.platform.spec import scope_catalog
from storage.repositories import identity as repo

USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,50}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _check(org_name: str, username: str, email: str, password: str) -> None:
    if not org_name.strip() or len(org_name) > 100:
        raise Invalid("Organization name must be 1-100 characters", field="org")
    if not USERNAME.match(username):
        raise Invalid("Username must be 3-50 of letters, digits, '.', '_' or '-'", field="username")
    if not EMAIL.match(email):
        raise Invalid("Not an email address", field="email")
    if len(password) < 12:
        raise Invalid("Password must be at least 12 characters", field="password")


async def bootstrap(
    session: AsyncSession,
    *,
    org_name: str,
    username: str,
    email: str,
    password: str,
    plan: str,
    superuser: bool = False,
) -> dict[str, Any]:
    """Create the three in the caller's transaction; a taken username changes nothing."""
    _check(org_name, username, email, password)
    await organizations.check_plan(session, plan, field="plan")
    if superuser and await repo.superuser_exists(session):
        raise Conflict("The platform operator exists already; nothing was changed")
    try:
        org = await organizations.create(session, SYSTEM, name=org_name, plan=plan)
        user = await users.create(
            session,
            SYSTEM,
            {"username": username, "email": email, "password": password, "roles": ["admin"]},
            organization_id=org["id"],
            is_superuser=superuser,
        )
    except Conflict:
        raise Conflict(f"User {username!r} already exists; nothing was changed") from None
    _, secret = await keys.create(
        session,
        SYSTEM,
        name="bootstrap",
        scopes=sorted(scope_catalog()),
        owner=(org["id"], user["id"]),
        is_superuser=superuser,
    )
    return {
        "organization_id": org["id"],
        "user_id": user["id"],
        "api_key": secret,
        "superuser": superuser,
    }
