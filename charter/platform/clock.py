"""Time and identifiers: RFC 3339 UTC with Z, prefixed random ids."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTVWXYZabcdefghijkmnopqrstuvwxyz"


def utcnow() -> datetime:
    return datetime.now(UTC)


def isoformat(value: datetime | None) -> str | None:
    """RFC 3339 in UTC to the second, `2024-02-07T10:30:00Z`; a naive value is taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    # datetime.isoformat is C; strftime was a fifth of a 20-key list's rendering.
    return value.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def new_id(prefix: str, length: int = 16) -> str:
    """`prefix_` and `length` characters from one read of the system's random source."""
    number = int.from_bytes(secrets.token_bytes(length), "big")  # 128 bits for the default
    chars = []
    for _ in range(length):
        number, digit = divmod(number, len(_ALPHABET))
        chars.append(_ALPHABET[digit])
    return f"{prefix}_" + "".join(chars)
