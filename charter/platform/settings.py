"""Configuration from CHARTER_* environment variables, validated once at start."""

from __future__ import annotations

import secrets
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ConfigurationError(Exception):
    """Raised when a CHARTER_* variable is missing or malformed; the message names it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHARTER_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    var_dir: Path = PROJECT_ROOT / "var"
    database_url: str = ""
    redis_url: str = ""
    secret_key: str = ""
    # Threads for the server-rendered (Flask, WSGI) pages; the API itself runs on the event loop.
    threads: int = Field(default=8, ge=1, le=1000)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # The body limit of an operation that takes only JSON (or URL-encoded forms), unless it sets
    # its own x-body-limit; max_body_bytes is that of uploads and of paths outside the specs.
    max_json_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_url_bytes: int = Field(default=8 * 1024, ge=256)
    max_header_bytes: int = Field(default=32 * 1024, ge=1024)
    max_query_params: int = Field(default=50, ge=1)
    max_batch_items: int = Field(default=100, ge=1)
    timeout_standard: float = Field(default=30.0, gt=0)
    timeout_batch: float = Field(default=120.0, gt=0)
    timeout_upload: float = Field(default=300.0, gt=0)
    # How long a resolved API key may be served from the in-process cache. A revocation is
    # effective on every process within this bound, with or without Redis.
    key_cache_seconds: float = Field(default=1.0, ge=0, le=1.0)
    rate_limits_enabled: bool = True
    # Requests without valid credentials are limited per client IP.
    anonymous_rate_limit: str = "1000/minute"  # seed 003's default
    auth_rate_limit: str = "10/minute"
    export_rate_limit: str = "10/minute"
    # Peers whose X-Forwarded-For is believed (comma-separated IPs or CIDRs).
    trusted_proxies: str = ""
    # The absolute URL clients reach Charter at (https://api.example.com): the origin of every
    # absolute URL Charter emits (OAuth issuer, redirects). Unset: derived from a well-formed
    # Host header (development).
    public_url: str = ""
    # Connections one server process holds at once; more are answered 503 (slow-client bound).
    max_connections: int = Field(default=1000, ge=1)
    # Seconds a connection may take to send a whole request head before it is closed.
    header_timeout: float = Field(default=10.0, gt=0)
    idempotency_ttl_hours: int = Field(default=24, ge=1)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # HS256 keys for access tokens, newest first (comma-separated): the first signs, all verify.
    # Unset: the secret key signs. Rotate by putting a new key first and dropping the old one
    # after the access token lifetime.
    jwt_keys: str = ""
    # Fernet keys for PII at rest, newest first (comma-separated); derived from the secret key
    # when unset. Add a new key in front to rotate; `charter rotate-pii` re-encrypts.
    encryption_keys: str = ""
    access_token_seconds: int = Field(default=900, ge=60)
    refresh_token_days: int = Field(default=7, ge=1)
    refresh_token_remember_days: int = Field(default=30, ge=1)
    refresh_reuse_grace_seconds: float = Field(default=10.0, ge=0)
    # Password hashes computed at once per process (0: one less than the CPU count, at least 1),
    # so a burst of logins cannot take every core from other requests.
    password_hash_concurrency: int = Field(default=0, ge=0, le=256)
    lockout_threshold: int = Field(default=5, ge=1)
    lockout_window_seconds: int = Field(default=900, ge=1)
    lockout_seconds: int = Field(default=900, ge=1)
    otp_ttl_seconds: int = Field(default=300, ge=30)
    otp_max_attempts: int = Field(default=5, ge=1)
    # "log": development sender (logs, keeps the last codes in memory); "webhook": POST to the URL.
    otp_sender: Literal["log", "webhook"] = "log"
    otp_webhook_url: str = ""
    # Shared with the bridge behind CHARTER_OTP_WEBHOOK_URL to check `X-Charter-Signature`.
    otp_webhook_secret: str = ""
    # Outbound URLs may not resolve to private, loopback or link-local addresses unless allowed.
    allow_private_outbound: bool = False
    # Webhook delivery (charter/webhooks): seconds to wait after each failed attempt (then it
    # gives up; the default adds up to about three days), the whole-attempt timeout, how long an
    # endpoint may fail before it is disabled, and attempts in flight per endpoint and per worker.
    webhook_retry_schedule: str = "5,300,1800,7200,18000,36000,36000,86400,86400"
    webhook_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    webhook_disable_after_days: float = Field(default=5.0, gt=0)
    webhook_endpoint_concurrency: int = Field(default=4, ge=1, le=100)
    # Deliveries in flight per organization across every worker: one tenant's backlog (many
    # endpoints, or one huge batch) never takes every worker's slots from the others.
    webhook_organization_concurrency: int = Field(default=32, ge=1, le=10000)
    webhook_worker_concurrency: int = Field(default=64, ge=1, le=1000)
    # A delivery's lease outlives its attempt's timeout by this much; a dead worker's claims
    # are taken by another worker once it runs out.
    webhook_lease_margin_seconds: float = Field(default=60.0, gt=0, le=3600)
    # Finished deliveries (succeeded or given up) and their attempts are kept this long.
    webhook_delivery_retention_days: float = Field(default=30.0, gt=0)
    # The event stream (GET /v2/events, charter.webhooks.stream): the longest one response
    # lasts (its own timeout class; clients reconnect with Last-Event-ID), streams open at once
    # per caller, the comment sent when nothing else was, how often each process reads the
    # outbox while streams are open, and how long published events stay in the outbox: the
    # window in which a stream can be resumed.
    timeout_stream: float = Field(default=300.0, gt=0, le=86400)
    events_max_streams: int = Field(default=5, ge=1, le=1000)
    events_heartbeat_seconds: float = Field(default=15.0, gt=0, le=300)
    events_poll_seconds: float = Field(default=0.25, gt=0, le=10)
    events_retention_days: float = Field(default=7.0, gt=0)
    # OAuth 2.0 (charter.oauth): access and ID token lifetime, refresh token family lifetime,
    # and the token endpoint's rate limit per client (its own class, not the per-IP login one).
    oauth_access_token_seconds: int = Field(default=900, ge=60, le=86400)
    oauth_refresh_token_days: int = Field(default=30, ge=1, le=365)
    oauth_token_rate_limit: str = "600/minute"  # noqa: S105 - a rate, not a secret
    # Database connections per process and event loop: the most requests that touch the
    # database at once. No overflow, so steady load never opens new connections.
    db_pool_size: int = Field(default=20, ge=1)
    # Files (charter.files): where the bytes live (unset: var/files on local disk;
    # `s3://bucket/prefix` for S3-compatible object storage with the CHARTER_S3_* settings), the
    # largest file one upload may carry, the S3 multipart part size, and how long an
    # unreferenced blob or an abandoned upload is left before the worker collects it.
    file_store: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    max_file_bytes: int = Field(default=5 * 1024**3, ge=1024)
    file_part_bytes: int = Field(default=16 * 1024 * 1024, ge=5 * 1024 * 1024, le=1024**3)
    file_orphan_grace_seconds: float = Field(default=3600.0, ge=0)
    # Signed download URLs (POST /v2/files/{id}/url, share unlocks): the longest lifetime.
    file_url_max_seconds: int = Field(default=7 * 86400, ge=60)

    @field_validator("database_url")
    @classmethod
    def _database_url_scheme(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql", "postgres://")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url_scheme(cls, value: str) -> str:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must be a redis:// URL")
        if value:
            _check_redis_url(value)
        return value

    @field_validator("file_store")
    @classmethod
    def _file_store(cls, value: str) -> str:
        from urllib.parse import urlsplit

        if not value:
            return value
        parts = urlsplit(value)
        if parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
            raise ValueError("must be unset (local disk under var/) or s3://bucket/prefix")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_networks(cls, value: str) -> str:
        import ipaddress

        for item in [i.strip() for i in value.split(",") if i.strip()]:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"{item!r} is not an IP address or CIDR network") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        from urllib.parse import urlsplit

        if not value:
            return value
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018  # ValueError on a bad port
        except ValueError:
            raise ValueError("must be an absolute http(s) URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an absolute http(s) URL such as https://api.example.com")
        if any(c.isspace() or not c.isprintable() for c in value):
            raise ValueError("must not contain spaces or control characters")
        if parts.query or parts.fragment or "?" in value or "#" in value or parts.username:
            raise ValueError("must not carry a query, a fragment or credentials")
        return value.rstrip("/")

    @field_validator(
        "anonymous_rate_limit", "auth_rate_limit", "export_rate_limit", "oauth_token_rate_limit"
    )
    @classmethod
    def _rate_limit_string(cls, value: str) -> str:
        from charter.platform.ratelimit import parse_rate

        parse_rate(value)  # ValueError names the expected form
        return value

    @field_validator("webhook_retry_schedule")
    @classmethod
    def _retry_schedule(cls, value: str) -> str:
        items = [i.strip() for i in value.split(",")]
        if not all(i.isdigit() and 0 < int(i) <= 7 * 86400 for i in items) or len(items) > 50:
            raise ValueError("must be up to 50 comma-separated delays in seconds (1 to 604800)")
        return value

    @field_validator("encryption_keys")
    @classmethod
    def _fernet_keys(cls, value: str) -> str:
        from cryptography.fernet import Fernet

        for key in [k.strip() for k in value.split(",") if k.strip()]:
            try:
                Fernet(key.encode())
            except ValueError:
                raise ValueError("each key must be a Fernet key (Fernet.generate_key())") from None
        return value

    @model_validator(mode="after")
    def _production_needs_secret(self) -> Settings:
        if self.env == "production":
            if len(self.secret_key) < 32:
                raise ValueError(
                    "CHARTER_SECRET_KEY must be set to at least 32 characters in production"
                )
            if not self.database_url:
                raise ValueError("CHARTER_DATABASE_URL must be set in production")
        if self.otp_sender == "webhook" and not self.otp_webhook_url.startswith(
            ("https://", "http://")
        ):
            raise ValueError(
                "CHARTER_OTP_WEBHOOK_URL must be an http(s) URL when CHARTER_OTP_SENDER=webhook"
            )
        if self.otp_sender == "webhook" and len(self.otp_webhook_secret) < 16:
            raise ValueError(
                "CHARTER_OTP_WEBHOOK_SECRET (16+ characters) is needed when "
                "CHARTER_OTP_SENDER=webhook"
            )
        return self

    def require_public_url(self, purpose: str) -> None:
        """Refuse (503) `purpose`, which emits an absolute URL others trust, in production
        without CHARTER_PUBLIC_URL: the origin would then come from the request's Host header,
        which the caller chooses. Development and tests derive it from the request. The one
        check behind every such URL (files' emailed share links, the OAuth issuer)."""
        if self.env == "production" and not self.public_url:
            from charter.platform.errors import Unavailable

            raise Unavailable(f"{purpose} needs CHARTER_PUBLIC_URL in production")

    @property
    def webhook_retry_delays(self) -> list[int]:
        """CHARTER_WEBHOOK_RETRY_SCHEDULE as seconds, one per retry."""
        return [int(item) for item in self.webhook_retry_schedule.split(",")]

    @property
    def sqlalchemy_url(self) -> str:
        url = self.database_url or f"sqlite:///{self.var_dir / 'charter.db'}"
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url

    @property
    def signing_key(self) -> str:
        """The secret for JWTs and HMACs; generated once into var/ for the embedded default."""
        if self.secret_key:
            return self.secret_key
        return _generated_key(self.var_dir / "secret_key")


@cache
def _generated_key(path: Path) -> str:
    """The key generated into `path` (made on first use), read once per process: it is in the
    path of every signature and encryption."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _check_redis_url(url: str) -> None:
    """Refuse at start what redis-py would only refuse (or silently misread) at the first
    request: a port that is not a number, a database that is not one, bad query options.
    An unreachable Redis is not an error here: the API starts degraded and recovers by itself."""
    from urllib.parse import urlparse

    from redis.connection import parse_url

    try:
        parse_url(url)  # type: ignore[no-untyped-call]
    except ValueError as exc:
        raise ValueError(f"must be a redis://host:port/db URL ({exc})") from None
    parsed = urlparse(url)
    if parsed.scheme == "unix" and not parsed.path:
        raise ValueError("must name the socket: unix:///path/to/redis.sock")
    database = parsed.path.strip("/")
    if parsed.scheme != "unix" and database and not database.isdigit():
        raise ValueError(f"the database must be a number (redis://host:port/0), not {database!r}")


def _describe(exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        loc = error.get("loc") or ()
        name = f"CHARTER_{str(loc[0]).upper()}" if loc else "configuration"
        lines.append(f"{name}: {error['msg']}")
    return "; ".join(lines)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process settings; raises ConfigurationError naming the bad variable."""
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigurationError(_describe(exc)) from None
