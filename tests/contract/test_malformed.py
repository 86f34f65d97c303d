"""Every operation that takes a body, on every surface, against a corpus of bad bodies: each
answer is a clean 4xx in the surface's envelope, and the database does not change.

The operations come from the specs, so a new operation is covered as soon as it is written. The
calls carry valid credentials (a superuser's key) and name existing resources, so a bad body
that slipped through validation would reach the handler, and its writes would show in the
row counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, table

from charter.http import rendering
from charter.http.pipeline.limits import body_limit
from charter.platform import errors, runtime
from charter.platform.spec import SURFACES, OperationInfo, bundled_spec, iter_operations
from tests.factories import create_key, create_record, create_user
from tests.files.factories import create_file, create_share
from tests.oauth.factories import create_oauth_client
from tests.webhooks.factories import create_webhook


def _body_operations() -> Iterator[tuple[str, OperationInfo, str, dict[str, Any], Any]]:
    for surface, mount in SURFACES.items():
        spec = bundled_spec(surface)
        for info, op in iter_operations(spec, surface):
            # JSON bodies; the URL-encoded forms of /oauth have their corpus in tests/oauth.
            if "application/json" in op.get("requestBody", {}).get("content", {}):
                yield surface, info, mount + info.path, op, spec


OPERATIONS = list(_body_operations())


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _wrong_value(schema: dict[str, Any]) -> Any:
    """A value of another JSON type than the property's."""
    kind = schema.get("type")
    return {
        "string": 12345,
        "integer": "12",
        "number": "1.5",
        "boolean": "yes",
        "array": {"not": "a list"},
        "object": [1, 2],
    }.get(kind, ...)


def _example(spec: dict[str, Any], op: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    content = op["requestBody"]["content"]["application/json"]
    schema = _resolve(spec, content.get("schema", {}))
    example = content.get("example", schema.get("example", {}))
    return schema, dict(example) if isinstance(example, dict) else {}


def _status(error: errors.CharterError, surface: str) -> int:
    return rendering.render(error, surface=surface, request_id="", path="", accept=None).status


def _multipart_corpus(surface: str):
    """Bad bodies for a streamed multipart upload (x-body-stream)."""
    bad_request = {_status(errors.Malformed(), surface)}
    unsupported = {_status(errors.UnsupportedMediaType(), surface)}
    form = "multipart/form-data; boundary=b"
    part = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nx\r\n'
    return [
        ("no content type", None, part + b"--b--\r\n", unsupported),
        ("json", "application/json", b'{"file": "x"}', unsupported),
        ("no boundary", "multipart/form-data", part + b"--b--\r\n", bad_request),
        ("truncated", form, part, bad_request),
        ("garbage", form, b"\x01\x02 not multipart", bad_request),
        (
            "no file",
            form,
            b'--b\r\nContent-Disposition: form-data; name="path"\r\n\r\n/x\r\n--b--\r\n',
            bad_request,
        ),
        ("two files", form, part + part + b"--b--\r\n", bad_request),
        (
            "unknown field",
            form,
            b'--b\r\nContent-Disposition: form-data; name="zz"\r\n\r\n1\r\n' + part + b"--b--\r\n",
            bad_request,
        ),
        (
            "overwrite of the wrong type",
            form,
            b'--b\r\nContent-Disposition: form-data; name="overwrite"\r\n\r\nyes\r\n'
            + part
            + b"--b--\r\n",
            bad_request,
        ),
        (
            "path with ..",
            form,
            b'--b\r\nContent-Disposition: form-data; name="path"\r\n\r\n/a/../b\r\n'
            + part
            + b"--b--\r\n",
            bad_request,
        ),
        (
            "NUL in path",
            form,
            b'--b\r\nContent-Disposition: form-data; name="path"\r\n\r\n/a\x00\r\n'
            + part
            + b"--b--\r\n",
            bad_request,
        ),
    ]


def _corpus(surface: str, info: OperationInfo, op: dict[str, Any], spec: dict[str, Any]):
    """(name, content type or None, body, the statuses that mean the body was refused)."""
    if info.stream_body:
        return _multipart_corpus(surface)
    bad_request = {_status(errors.Malformed(), surface)}
    unsupported = {_status(errors.UnsupportedMediaType(), surface)}
    too_large = {_status(errors.PayloadTooLarge(), surface)}
    # NULs break a rule rather than the syntax (422), yet a parser may meet them first (400).
    nul = {_status(errors.Invalid(), surface)} | bad_request
    schema, example = _example(spec, op)
    valid = json.dumps(example).encode()
    json_type = "application/json"
    items = [
        ("no content type", None, valid, unsupported),
        ("text/plain", "text/plain", valid, unsupported),
        ("xml", "application/xml", b"<a/>", unsupported),
        ("form", "application/x-www-form-urlencoded", b"a=b", unsupported),
        ("multipart", "multipart/form-data; boundary=x", b"--x--\r\n", unsupported),
        ("not a media type", "json", valid, unsupported),
        ("truncated", json_type, valid[: max(1, len(valid) // 2)], bad_request),
        ("invalid UTF-8", json_type, b'{"name": "\xff\xfe\xfd"}', bad_request),
        ("UTF-8 BOM", json_type, b"\xef\xbb\xbf" + valid, bad_request),
        ("wrong charset", f"{json_type};charset=utf-16", b'{"a": 1}', bad_request),
        ("raw NUL", json_type, b'{"name": "a\x00b"}', nul),
        ("escaped NUL", json_type, b'{"name": "a\\u0000b"}', nul),
        ("huge integer", json_type, b'{"name": ' + b"9" * 5000 + b"}", bad_request),
        ("deep nesting", json_type, b"[" * 100_000 + b"]" * 100_000, bad_request),
        ("deep object", json_type, b'{"a":' * 20_000 + b"1" + b"}" * 20_000, bad_request),
        ("NaN", json_type, b'{"name": NaN}', bad_request),
        ("array", json_type, b"[" + valid + b"]", bad_request),
        ("empty array", json_type, b"[]", bad_request),
        ("number", json_type, b"42", bad_request),
        ("string", json_type, b'"text"', bad_request),
        ("boolean", json_type, b"true", bad_request),
        ("null", json_type, b"null", bad_request),
        ("garbage", json_type, b"\x01\x02\x03 not json", bad_request),
        ("oversized", json_type, _oversized(body_limit(info)), too_large),
    ]
    if op["requestBody"].get("required"):
        items.append(("empty body", json_type, b"", bad_request))
    if schema.get("additionalProperties") is False:
        items.append(
            ("unknown field", json_type, _dumps({**example, "zz_unknown": 1}), bad_request)
        )
    for name, prop in schema.get("properties", {}).items():
        wrong = _wrong_value(_resolve(spec, prop))
        if wrong is not ...:
            items.append(
                (
                    f"{name} of the wrong type",
                    json_type,
                    _dumps({**example, name: wrong}),
                    bad_request,
                )
            )
    return items


def _dumps(value: Any) -> bytes:
    return json.dumps(value).encode()


def _oversized(limit: int) -> bytes:
    return b'{"name": "' + b"a" * limit + b'"}'


def _row_counts() -> dict[str, int]:
    with runtime.current().db.sync_transaction() as session:
        connection = session.connection()
        tables = inspect(connection).get_table_names()
        count = select(func.count()).select_from
        return {name: connection.execute(count(table(name))).scalar_one() for name in tables}


def _assert_envelope(surface: str, response, where: str) -> None:
    body = response.json()
    codes = set(rendering.CODES[surface].values())
    if surface == "oauth":
        assert body["error"] in codes and isinstance(body["error_description"], str), where
        return
    error = body["error"]
    assert error["code"] in codes and isinstance(error["message"], str), where
    assert body["request_id"] == response.headers["x-request-id"], where
    if surface == "v1":
        assert isinstance(error["details"], list), where
    else:
        assert isinstance(error["details"], dict), where
    if surface == "ingestion":
        assert body["success"] is False and body["timestamp"], where


@pytest.fixture(scope="module")
def resources(superuser):
    """Existing resources for the operations' path parameters, in the superuser's organization."""
    user = create_user(superuser.organization_id)
    file_id = create_file(superuser.organization_id)
    _, key_id = create_key(superuser.organization_id, scopes=["keys:read"])
    record_id = create_record(superuser.organization_id, "malformed")
    default_id = create_record(superuser.organization_id, "default")  # /v1/data's collection
    return {
        "organization_id": superuser.organization_id,
        "user_id": user.id,
        "key_id": key_id,
        "collection": "malformed",
        "name": "malformed",
        "record_id": record_id,
        "v1_record_id": default_id,
        **create_webhook(superuser.organization_id),  # webhook_id, delivery_id
        "file_id": file_id,
        "token": "unknown-token",
        # A share link that may upload: its upload reads the body only after the link passed.
        "edit_token": create_share(superuser.organization_id, file_id, permissions="edit")[1],
        **create_oauth_client(superuser.organization_id),  # client_id
    }


@pytest.mark.parametrize(
    "surface,info,path,op,spec",
    OPERATIONS,
    ids=[f"{o[0]} {o[1].method} {o[2]}" for o in OPERATIONS],
)
def test_bad_bodies_are_refused_cleanly_and_change_nothing(
    client, superuser, resources, surface, info, path, op, spec
):
    params = dict(resources)
    if path.startswith("/v1/data/"):
        params["record_id"] = resources["v1_record_id"]
    if info.operation_id == "upload_share":
        params["token"] = resources["edit_token"]
    method, url = info.method, path.format(**params)
    auth = {"X-API-Key": superuser.key}
    client.get("/v1/organizations", headers=auth)  # the key's first use is recorded before
    before = _row_counts()
    for name, content_type, body, refused in _corpus(surface, info, op, spec):
        headers = {**auth, **({"Content-Type": content_type} if content_type else {})}
        response = client.request(method, url, content=body, headers=headers)
        where = f"{surface} {method} {path}: {name}: {response.status_code} {response.text[:300]}"
        assert response.status_code in refused, where
        _assert_envelope(surface, response, where)
        assert len(response.content) < 2000, where  # no value is echoed whole
    if info.stream_body:  # its size limit is the file's (tests/files/test_files.py)
        assert _row_counts() == before
        return
    streamed = client.request(
        method,
        url,
        content=iter([_oversized(body_limit(info))]),
        headers={**auth, "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413, f"{surface} {method} {path}: streamed oversized body"
    assert _row_counts() == before
