"""Factories for tenants and credentials, written through the real storage layer."""

from __future__ import annotations

from datetime import datetime

from charter import crypto, runtime
from charter.clock import new_id, utcnow
from charter.passwords import hash_password
from charter.security import generate_api_key, hash_secret
from charter.spec import scope_catalog
from storage import repositories as repo
from storage.models import ApiKey, Organization, User

_PASSWORD_HASH: list[str] = []


def _password_hash() -> str:
    if not _PASSWORD_HASH:
        _PASSWORD_HASH.append(hash_password("correct horse battery staple"))
    return _PASSWORD_HASH[0]


def create_tenant(
    *,
    plan: str = "enterprise",
    scopes: list[str] | None = None,
    superuser: bool = False,
    name: str | None = None,
):
    from tests.conftest import Tenant

    now = utcnow()
    with runtime.current().db.transaction() as session:
        org = repo.add(
            session,
            Organization(
                id=new_id("org"),
                name=name or f"Tenant {new_id('t')}",
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
                username=new_id("u").lower(),
                email_enc=crypto.encrypt(f"{new_id('e').lower()}@example.com"),
                email_index=new_id("ix"),
                password_hash=_password_hash(),
                roles=["admin"],
                is_superuser=superuser,
                status="active",
                created_at=now,
                updated_at=now,
            ),
        )
    key, key_id = create_key(
        org.id,
        user_id=user.id,
        scopes=sorted(scope_catalog()) if scopes is None else scopes,
        superuser=superuser,
    )
    return Tenant(organization_id=org.id, user_id=user.id, key=key, key_id=key_id)


def create_key(
    organization_id: str,
    *,
    user_id: str | None = None,
    scopes: list[str],
    superuser: bool = False,
    livemode: bool = True,
    ip_ranges: list[str] | None = None,
    expires_at: datetime | None = None,
    revoked_at: datetime | None = None,
) -> tuple[str, str]:
    secret = generate_api_key(livemode=livemode)
    with runtime.current().db.transaction() as session:
        key = repo.add(
            session,
            ApiKey(
                id=new_id("key"),
                organization_id=organization_id,
                user_id=user_id,
                livemode=livemode,
                name="test",
                key_hash=hash_secret(secret),
                last4=secret[-4:],
                scopes=scopes,
                ip_ranges=ip_ranges or [],
                is_superuser=superuser,
                expires_at=expires_at,
                revoked_at=revoked_at,
                created_at=utcnow(),
            ),
        )
        return secret, key.id


def revoke_key(key_id: str) -> None:
    with runtime.current().db.transaction() as session:
        repo.get_api_key(session, key_id).revoked_at = utcnow()


def create_user(
    organization_id: str,
    *,
    username: str | None = None,
    password: str = "correct horse battery staple",
    email: str | None = None,
    roles: list[str] | None = None,
    livemode: bool = True,
    phone: str | None = None,
    superuser: bool = False,
) -> User:
    from charter.passwords import hash_password as _hash

    now = utcnow()
    username = username or new_id("u").lower()
    email = email or f"{username}@example.com"
    with runtime.current().db.transaction() as session:
        return repo.add(
            session,
            User(
                id=new_id("usr"),
                organization_id=organization_id,
                livemode=livemode,
                username=username,
                email_enc=crypto.encrypt(email),
                email_index=crypto.blind_index(email),
                phone_enc=crypto.encrypt(phone),
                password_hash=_password_hash()
                if password == "correct horse battery staple"
                else _hash(password),
                roles=roles or ["user"],
                is_superuser=superuser,
                status="active",
                mfa_enabled=False,
                failed_logins=0,
                lock_count=0,
                created_at=now,
                updated_at=now,
            ),
        )


def record_event(organization_id: str, action: str = "test.event") -> str:
    from charter import audit
    from charter.context import SYSTEM

    with runtime.current().db.transaction() as session:
        audit.record(
            session,
            SYSTEM,
            action=action,
            resource_type="test",
            resource_id=None,
            organization_id=organization_id,
        )
        return repo.list_audit_events(session, organization_id=organization_id)[0].id
