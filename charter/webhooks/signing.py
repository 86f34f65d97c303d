"""Webhook secrets and every signature form a delivery carries.

- `X-Charter-Signature: sha256=<hex>`: HMAC-SHA256 of the raw body keyed by the secret's UTF-8
  bytes (the OTP sender's scheme), and the same value under seed 001's `X-TechCorp-Signature`,
  so seed 001's `verify_signature(payload, signature, secret)` verifies it as written.
- The body's `signature` member (seed 000): `sha256=<hex>` of the same HMAC over the RFC 8785
  canonical JSON of the payload without that member.
- Standard Webhooks: `webhook-id`, `webhook-timestamp` (Unix seconds of this attempt) and
  `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed by the base64
  part of a `whsec_` secret or by the UTF-8 bytes of a secret in another form. During a
  rotation's overlap it carries one signature per live secret, newest first; the `sha256=`
  forms use the newest secret only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import secrets
from typing import Any

from charter.platform.errors import Invalid, Malformed

PREFIX = "whsec_"


def generate_secret() -> str:
    """A new `whsec_` secret: 24 random bytes in base64."""
    return PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


MIN_SECRET_LENGTH = 16


def check_secret(
    secret: str, field: str = "body.secret", *, min_length: int = MIN_SECRET_LENGTH
) -> str:
    """A secret given at registration or rotation: `min_length` (16) to 256 printable ASCII
    characters without outer spaces (the specs' pattern); a `whsec_` secret must carry base64
    (its bytes are the Standard Webhooks key)."""
    printable = secret.isascii() and secret.isprintable() and secret == secret.strip()
    if not min_length <= len(secret) <= 256 or not printable:
        raise Malformed(
            f"A secret is {min_length} to 256 printable ASCII characters, no outer spaces",
            field=field,
        )
    if secret.startswith(PREFIX):
        try:
            if len(base64.b64decode(secret[len(PREFIX) :], validate=True)) < 16:
                raise ValueError
        except (binascii.Error, ValueError):
            # A rule beyond the spec's pattern: 422 (400 on /v2, seed 000's binding).
            raise Invalid(
                "A whsec_ secret carries at least 16 bytes in base64 after the prefix", field=field
            ) from None
    return secret


def standard_key(secret: str) -> bytes:
    """The Standard Webhooks HMAC key of a secret."""
    if secret.startswith(PREFIX):
        return base64.b64decode(secret[len(PREFIX) :])
    return secret.encode()


def hex_signature(secret: str, content: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), content, hashlib.sha256).hexdigest()


def body_signature(secret: str, payload: dict[str, Any]) -> str:
    """Seed 000's `signature` member: over the canonical payload without that member."""
    unsigned = {key: value for key, value in payload.items() if key != "signature"}
    return hex_signature(secret, canonical(unsigned).encode())


def standard_signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(standard_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def sign(
    payload: dict[str, Any], live_secrets: list[str], message_id: str, timestamp: int
) -> tuple[bytes, dict[str, str]]:
    """The body (with its `signature` member) and the signature headers of one attempt;
    `live_secrets` newest first."""
    newest = live_secrets[0]
    body = escape_surrogates(
        json.dumps(
            {**payload, "signature": body_signature(newest, payload)},
            separators=(",", ":"),
            ensure_ascii=False,
        )
    ).encode()
    hexed = hex_signature(newest, body)
    headers = {
        "X-Charter-Signature": hexed,
        "X-TechCorp-Signature": hexed,
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            standard_signature(secret, message_id, timestamp, body) for secret in live_secrets
        ),
    }
    return body, headers


# RFC 8785 (JSON Canonicalization Scheme) ---------------------------------------------------------

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """JSON text with any lone surrogate (a string from a record can hold one) written as a
    `\\uXXXX` escape, as ECMAScript's JSON.stringify does, so it encodes as UTF-8 and every
    signature covers the bytes sent."""
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_REPR = re.compile(r"^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$")


def canonical(value: Any) -> str:
    """RFC 8785 canonical JSON: no whitespace, object members sorted by their UTF-16 code
    units, strings with minimal escapes, numbers as ECMAScript prints a double."""
    if value is None or value is True or value is False:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 2**53 else _number(float(value))
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return escape_surrogates(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: key.encode("utf-16-be"))
        members = (
            json.dumps(key, ensure_ascii=False) + ":" + canonical(value[key]) for key in keys
        )
        return "{" + ",".join(members) + "}"
    raise TypeError(f"{type(value).__name__} is not JSON")


def _number(value: float) -> str:
    """ECMAScript's Number::toString (ES2019 7.1.12.1) from Python's shortest round trip."""
    if not math.isfinite(value):
        raise ValueError("NaN and infinities are not JSON")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    match = _REPR.match(repr(abs(value)))
    if match is None:  # pragma: no cover - repr of a finite float always matches
        raise ValueError(repr(value))
    whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3) or 0)
    digits = whole + fraction
    stripped = digits.lstrip("0")
    point = len(whole) + exponent - (len(digits) - len(stripped))  # value = 0.DIGITS * 10**point
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= point <= 21:
        text = digits + "0" * (point - k)
    elif 0 < point <= 21:
        text = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        text = f"{mantissa}e{'+' if point - 1 >= 0 else '-'}{abs(point - 1)}"
    return sign + text
