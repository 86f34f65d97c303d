"""Time and identifiers: RFC 3339 UTC with Z, prefixed random ids."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz"


def utcnow() -> datetime:
    return datetime.now(UTC)


def isoformat(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id(prefix: str, length: int = 16) -> str:
    """`prefix_` and `length` characters from one read of the system's random source."""
    number = int.from_bytes(secrets.token_bytes(length), "big")  # 128 bits for the default
    chars = []
    for _ in range(length):
        number, digit = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[digit])
    return f"{prefix}_" + "".join(chars)
