"""OAuth 2.0 / OpenID Connect (charter.oauth): signing keys, registered clients, a user's
consent per client (grants), authorization codes, token families and their refresh tokens.

Private keys are stored encrypted (Fernet text, charter.platform.crypto); client secrets as an
HMAC under the server secret (they are high-entropy: a keyed hash, not a password hash); codes
and refresh tokens as SHA-256.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class OAuthSigningKey(Base):
    """An RS256 key pair. The newest unretired key signs; every key retired less than a token
    lifetime ago is still published and verifies."""

    __tablename__ = "oauth_signing_keys"
    kid: Mapped[str] = mapped_column(String(40), primary_key=True)
    algorithm: Mapped[str] = mapped_column(String(10))
    private_key_enc: Mapped[str] = mapped_column(Text)
    public_jwk: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]


class OAuthClient(Base):
    __tablename__ = "oauth_clients"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # the client_id
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(100))
    client_type: Mapped[str] = mapped_column(String(16))  # confidential | public
    redirect_uris: Mapped[list[Any]] = mapped_column(JSON)
    grant_types: Mapped[list[Any]] = mapped_column(JSON)
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    secret_hash: Mapped[str | None] = mapped_column(String(64))
    secret_last4: Mapped[str | None] = mapped_column(String(4))
    previous_secret_hash: Mapped[str | None] = mapped_column(String(64))
    previous_secret_until: Mapped[datetime | None]
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (
        Index("ix_oauth_clients_scope", "organization_id", "livemode", "created_at", "id"),
    )


class OAuthGrant(Base):
    """A user's consent to a client: the scopes it may ask for without asking again."""

    __tablename__ = "oauth_grants"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(ForeignKey("oauth_clients.id", ondelete="CASCADE"))
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    __table_args__ = (UniqueConstraint("user_id", "client_id", name="uq_oauth_grants_user"),)


class OAuthCode(Base):
    __tablename__ = "oauth_codes"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("oauth_clients.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    redirect_uri: Mapped[str] = mapped_column(String(2048))
    # Did the authorization request send redirect_uri? Then the exchange must send it (4.1.3).
    redirect_uri_sent: Mapped[bool] = mapped_column(default=True, server_default=true())
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    code_challenge: Mapped[str | None] = mapped_column(String(128))
    nonce: Mapped[str | None] = mapped_column(String(512))
    resource: Mapped[str | None] = mapped_column(String(2048))
    auth_time: Mapped[datetime]
    amr: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    session_id: Mapped[str | None] = mapped_column(String(40))  # the tokens it was exchanged for


class OAuthSession(Base):
    """One issuance: the access tokens (by `sid`) and refresh token family of one code exchange
    or one client_credentials request. Revoking it stops all of them."""

    __tablename__ = "oauth_sessions"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    livemode: Mapped[bool] = mapped_column(Boolean, default=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("oauth_clients.id", ondelete="CASCADE"))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    grant_type: Mapped[str] = mapped_column(String(32))
    scopes: Mapped[list[Any]] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(String(2048))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(32))
    __table_args__ = (Index("ix_oauth_sessions_user_client", "user_id", "client_id"),)


class OAuthRefreshToken(Base):
    __tablename__ = "oauth_refresh_tokens"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("oauth_sessions.id", ondelete="CASCADE"))
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    parent_id: Mapped[str | None] = mapped_column(String(40))
    # The child issued when this token was used, kept encrypted for the retry grace window.
    child_id: Mapped[str | None] = mapped_column(String(40))
    child_token_enc: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    __table_args__ = (Index("ix_oauth_refresh_tokens_session", "session_id"),)
