"""First-run setup: an organization, its admin (a platform superuser) and an all-scope API key."""

from __future__ import annotations

import re

from sqlalchemy.exc import IntegrityError

from charter import audit, crypto, runtime
from charter.clock import new_id, utcnow
from charter.context import SYSTEM
from charter.errors import Conflict, Invalid
from charter.passwords import hash_password
from charter.security import generate_api_key, hash_secret
from charter.spec import scope_catalog
from storage import repositories as repo
from storage.models import ApiKey, Organization, User

USERNAME = re.compile(r"^[A-Za-z0-9._-]{3,50}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def bootstrap(*, org_name: str, username: str, email: str, password: str, plan: str) -> dict:
    if not org_name.strip() or len(org_name) > 100:
        raise Invalid("Organization name must be 1-100 characters", field="org")
    if not USERNAME.match(username):
        raise Invalid("Username must be 3-50 of letters, digits, '.', '_' or '-'", field="username")
    if not EMAIL.match(email):
        raise Invalid("Not an email address", field="email")
    if len(password) < 12:
        raise Invalid("Password must be at least 12 characters", field="password")
    password_hash = hash_password(password)
    secret = generate_api_key(livemode=True)
    now = utcnow()
    try:
        with runtime.current().db.transaction() as session:
            if repo.get_plan(session, plan) is None:
                raise Invalid(f"Unknown plan {plan!r}", field="plan")
            if repo.get_user_by_username(session, username) is not None:
                raise Conflict(f"User {username!r} already exists; nothing was changed")
            org = repo.add(
                session,
                Organization(
                    id=new_id("org"),
                    name=org_name.strip(),
                    plan=plan,
                    created_at=now,
                    updated_at=now,
                ),
            )
            user = repo.add(
                session,
                User(
                    id=new_id("usr"),
                    organization_id=org.id,
                    livemode=True,
                    username=username,
                    email_enc=crypto.encrypt(email),
                    email_index=crypto.blind_index(email),
                    password_hash=password_hash,
                    roles=["admin"],
                    is_superuser=True,
                    status="active",
                    created_at=now,
                    updated_at=now,
                ),
            )
            key = repo.add(
                session,
                ApiKey(
                    id=new_id("key"),
                    organization_id=org.id,
                    user_id=user.id,
                    livemode=True,
                    name="bootstrap",
                    key_hash=hash_secret(secret),
                    last4=secret[-4:],
                    scopes=sorted(scope_catalog()),
                    ip_ranges=[],
                    is_superuser=True,
                    created_at=now,
                ),
            )
            for action, rtype, rid in (
                ("organization.created", "organization", org.id),
                ("user.created", "user", user.id),
                ("api_key.created", "api_key", key.id),
            ):
                audit.record(
                    session,
                    SYSTEM,
                    action=action,
                    resource_type=rtype,
                    resource_id=rid,
                    organization_id=org.id,
                    details={"via": "bootstrap"},
                )
    except IntegrityError:
        raise Conflict(f"User {username!r} already exists; nothing was changed") from None
    return {"organization_id": org.id, "user_id": user.id, "api_key": secret}
