"""Keyset cursors for record lists: `next_cursor` out, `after` in.

A cursor carries the sort key of the last record of a page and its id (the key as the database
computed it, storage/repositories/record_keyset.py) and is signed with an HMAC under a key
derived from the secret key, over the key and the query it belongs to: organization, mode,
collection, sort, order and filter. A damaged or forged cursor, or one sent with another
collection, sort, order or filter than it was made for, is refused (`Invalid` on `query.after`,
400 on /v2, 422 on /v1) instead of silently paging something else.

Format: base64url(JSON `[key, id]`) "." 32 hex characters of HMAC-SHA256. Times travel as
`{"t": ISO 8601 with microseconds}`, PostgreSQL numerics as `{"d": decimal text}` (exact), other
values as JSON.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from charter.platform.crypto import constant_time_equal, keyed_hash
from charter.platform.errors import Invalid

FIELD = "query.after"
_MAC_CHARS = 32


def _context(scope: dict[str, Any], sort: str, order: str, filter: str | None) -> str:
    parts = [scope["organization_id"], scope["livemode"], scope["collection"], sort, order]
    return json.dumps([*parts, filter or ""], separators=(",", ":"))


def _wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"d": str(value)}
    return value


def _unwire(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"t"}:
        return datetime.fromisoformat(value["t"])
    if isinstance(value, dict) and set(value) == {"d"}:
        return Decimal(value["d"])
    return value


def _mac(context: str, body: str) -> str:
    return keyed_hash(f"{context}\n{body}", "record-cursor")[:_MAC_CHARS]


def encode(
    scope: dict[str, Any], sort: str, order: str, filter: str | None, key: tuple[list[Any], str]
) -> str:
    values, last_id = key
    payload = json.dumps([[_wire(v) for v in values], last_id], separators=(",", ":"))
    body = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
    return f"{body}.{_mac(_context(scope, sort, order, filter), body)}"


def decode(
    scope: dict[str, Any], sort: str, order: str, filter: str | None, token: str, arity: int
) -> tuple[list[Any], str]:
    """The key and id `token` carries; `Invalid` on `query.after` unless it is a cursor this
    service made for exactly this query."""
    body, _, mac = token.partition(".")
    expected = _mac(_context(scope, sort, order, filter), body)
    if len(mac) != _MAC_CHARS or not constant_time_equal(mac, expected):
        raise Invalid(
            "after is not a cursor of this list: it is damaged, or was made for another "
            "collection, sort, order or filter",
            field=FIELD,
        )
    try:
        values, last_id = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        key = [_unwire(v) for v in values]
    except (ValueError, TypeError, KeyError, InvalidOperation, binascii.Error):
        raise Invalid("after is not a cursor", field=FIELD) from None
    if len(key) != arity or not isinstance(last_id, str):
        raise Invalid("after is not a cursor of this sort", field=FIELD)
    return key, last_id
