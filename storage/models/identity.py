"""Identity: plans, organizations (the tenants), users, login sessions, refresh tokens,
second factors and API keys. Tenant-owned rows carry organization_id and livemode."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Plan(Base):
    """Rate-limit plans are data: add or change a row, not code.

    Each window is optional (NULL: no limit on that window): a moving minute, a fixed hour and
    day (aligned to UTC), and `burst`, the requests allowed in any one second
    (docs/RATE_LIMITS.md)."""

    __tablename__ = "plans"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    requests_per_minute: Mapped[int | None] = mapped_column(Integer)
    requests_per_hour: Mapped[int | None] = mapped_column(Integer)
    requests_per_day: Mapped[int | None] = mapped_column(Integer)
    burst: Mapped[int | None] = mapped_column(Integer)
    # Bytes of files an organization on this plan may store (NULL: no quota; charter.files).
    storage_bytes: Mapped[int | None] = mapped_column(BigInteger)
    description: Mapped[str] = mapped_column(String(200), default="")


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    plan: Mapped[str] = mapped_column(ForeignKey("plans.name"), default="free")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (Index("ix_organizations_created_at", "created_at"),)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    # PII is encrypted at rest; email_index is a keyed blind index for lookups and uniqueness.
    email_enc: Mapped[str] = mapped_column(Text)
    email_index: Mapped[str] = mapped_column(String(64))
    phone_enc: Mapped[str | None] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    is_superuser: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="active")
    mfa_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_secret_enc: Mapped[str | None] = mapped_column(Text)
    totp_pending_enc: Mapped[str | None] = mapped_column(Text)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
    lock_count: Mapped[int] = mapped_column(Integer, default=0)
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (
        UniqueConstraint("organization_id", "email_index", name="uq_users_org_email"),
        Index("ix_users_org_created", "organization_id", "created_at"),
    )


class LoginThrottle(Base):
    """Failed-login counters for usernames that belong to nobody, so an unknown name is counted
    and locked exactly like a real one and the answers reveal nothing (keyed by a blind index:
    a mistyped password typed into the username field is never stored)."""

    __tablename__ = "login_throttles"
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
    lock_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(index=True)


class LoginSession(Base):
    """A login: its refresh tokens form one family, revoked together."""

    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[str] = mapped_column(String(40), index=True)
    device_id: Mapped[str | None] = mapped_column(String(200))
    remember_me: Mapped[bool] = mapped_column(Boolean, default=False)
    amr: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(40))


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    parent_id: Mapped[str | None] = mapped_column(String(40))
    # Set when this token is exchanged; the child is kept (encrypted) so a retry within the
    # grace window gets the same child instead of tripping reuse detection.
    used_at: Mapped[datetime | None]
    child_id: Mapped[str | None] = mapped_column(String(40))
    child_token_enc: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class RecoveryCode(Base):
    __tablename__ = "recovery_codes"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class OneTimeCode(Base):
    __tablename__ = "one_time_codes"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(10))
    code_hash: Mapped[str] = mapped_column(String(64))
    destination_enc: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(100))
    # SHA-256 of the whole secret: keys are high-entropy, so a fast hash is safe and lets a
    # request find its key by index.
    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    last4: Mapped[str] = mapped_column(String(4))
    scopes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    ip_ranges: Mapped[list[Any]] = mapped_column(JSON, default=list)
    is_superuser: Mapped[bool] = mapped_column(Boolean, default=False)
    # A personal key (created by a user for themselves on /v2/auth/api-keys) works only while its
    # user is active and is revoked with them; an organization's key (/v1/keys) outlives its
    # creator, whose id `user_id` then only records.
    personal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    last_used_ip: Mapped[str | None] = mapped_column(String(45))
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
