"""Factories for tenants and credentials: the services' own constructors, written through the
synchronous engine (tests run outside the server's event loop)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher

from charter.events import audit
from charter.identity.keys import new_api_key
from charter.identity.organizations import new_organization
from charter.identity.passwords import hasher
from charter.identity.principals import SYSTEM
from charter.identity.users import new_user
from charter.platform import runtime
from charter.platform.clock import new_id, utcnow
from charter.platform.spec import scope_catalog
from storage.models import ApiKey

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH: list[str] = []
_sequence = itertools.count(1)


def _password_hash(password: str = PASSWORD) -> str:
    if password != PASSWORD:
        return hasher.hash(password)
    if not _PASSWORD_HASH:
        _PASSWORD_HASH.append(hasher.hash(PASSWORD))
    return _PASSWORD_HASH[0]


def _unique(prefix: str) -> str:
    """A readable, unique name: prefix, a per-run counter and a random part."""
    return f"{prefix}{next(_sequence)}{new_id('x')[2:8].lower()}"


def _save(*rows):
    with runtime.current().db.sync_transaction() as session:
        for row in rows:
            session.add(row)
            session.flush()
    return rows


def create_tenant(
    *,
    plan: str = "enterprise",
    scopes: list[str] | None = None,
    superuser: bool = False,
    name: str | None = None,
):
    from tests.conftest import Tenant

    org = new_organization(name=name or f"Tenant {_unique('t')}", plan=plan)
    username = _unique("u")
    user = new_user(
        organization_id=org.id,
        livemode=True,
        username=username,
        email=f"{username}@example.com",
        password_hash=_password_hash(),
        roles=["admin"],
        is_superuser=superuser,
    )
    _save(org, user)
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
    personal: bool = False,
) -> tuple[str, str]:
    key, secret = new_api_key(
        organization_id=organization_id,
        user_id=user_id,
        personal=personal,
        livemode=livemode,
        name="test",
        scopes=scopes,
        ip_ranges=ip_ranges,
        is_superuser=superuser,
        expires_at=expires_at,
    )
    key.revoked_at = revoked_at
    _save(key)
    return secret, key.id


def revoke_key(key_id: str) -> None:
    with runtime.current().db.sync_transaction() as session:
        session.get(ApiKey, key_id).revoked_at = utcnow()


def create_user(
    organization_id: str,
    *,
    username: str | None = None,
    password: str = PASSWORD,
    email: str | None = None,
    roles: list[str] | None = None,
    livemode: bool = True,
    phone: str | None = None,
    superuser: bool = False,
):
    username = username or _unique("u")
    user = new_user(
        organization_id=organization_id,
        livemode=livemode,
        username=username,
        email=email or f"{username}@example.com",
        password_hash=_password_hash(password),
        roles=roles or ["user"],
        phone=phone,
        is_superuser=superuser,
    )
    _save(user)
    return user


def record_event(organization_id: str, action: str = "test.event") -> str:
    event = audit.new_event(SYSTEM, action, "test", None, organization_id, {}, True)
    _save(event)
    return event.id


def weak_hash(password: str = PASSWORD) -> str:
    """A hash with weaker parameters than the service's, as an old deployment stored."""
    return PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(password)


def sent_message(user_id: str, *, method: str | None = None, destination: str | None = None):
    """The newest message the development sender delivered for this user (and method and
    destination, when given): the sender's list is shared by every test of the process."""
    from charter.platform import senders

    for message in reversed(senders.sent):
        if message["user_id"] != user_id:
            continue
        if method is not None and message["method"] != method:
            continue
        if destination is not None and message["destination"] != destination:
            continue
        return message
    raise AssertionError(f"no one-time code was sent to {user_id} ({method}, {destination})")


def create_record(
    organization_id: str, collection: str = "things", data: dict | None = None
) -> str:
    """A data record in the organization's live mode; its id."""
    from storage.models import Record

    now = utcnow()
    record = Record(
        id=new_id("rec"),
        organization_id=organization_id,
        livemode=True,
        collection=collection,
        data=data if data is not None else {"name": "thing"},
        meta={},
        version=1,
        created_at=now,
        updated_at=now,
    )
    _save(record)
    return record.id


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run each call on its own thread, all released together by a barrier; their results in
    the calls' order (race tests)."""
    results: list[Any] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int) -> None:
        start.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
