"""The specs are the user manual: valid, named consistently, every response and scope declared,
every example valid against its schema."""

from __future__ import annotations

import re

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from charter.platform.spec import (
    HTTP_METHODS,
    SURFACES,
    bundled_spec,
    iter_operations,
    scope_catalog,
)

OPERATION_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


@pytest.mark.parametrize("surface", list(SURFACES))
def test_spec_validates(surface):
    validate(bundled_spec(surface))


@pytest.mark.parametrize("surface", list(SURFACES))
def test_operation_ids_are_short_snake_case_and_unique(surface):
    ids = [info.operation_id for info, _ in iter_operations(bundled_spec(surface), surface)]
    assert ids, "a surface without operations"
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert OPERATION_ID.match(operation_id) and len(operation_id) <= 40, operation_id


@pytest.mark.parametrize("surface", list(SURFACES))
def test_every_operation_documents_errors_scopes_and_summary(surface):
    catalog = scope_catalog()
    for info, op in iter_operations(bundled_spec(surface), surface):
        where = f"{surface} {info.method} {info.path}"
        assert op.get("summary"), f"{where}: no summary"
        assert op.get("tags"), f"{where}: no tag"
        assert "4XX" in op["responses"] and "default" in op["responses"], f"{where}: 4XX/default"
        assert info.public or "x-scopes" in op, f"{where}: neither x-scopes nor security: []"
        assert set(info.scopes) <= set(catalog), f"{where}: scope not in catalog"


def _resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        path = node["$ref"].lstrip("#/").split("/")
        node = spec
        for part in path:
            node = node[part]
    return node


def _examples(spec):
    """(where, schema, example) for every example in the spec."""
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        if "example" in schema:
            yield f"schemas/{name}", schema, schema["example"]
    for name, param in spec.get("components", {}).get("parameters", {}).items():
        if "example" in param:
            yield f"parameters/{name}", param["schema"], param["example"]
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if not op:
                continue
            bodies = [("request", op.get("requestBody", {}))]
            bodies += [(f"response {code}", r) for code, r in op.get("responses", {}).items()]
            for label, holder in bodies:
                holder = _resolve(spec, holder)
                for media_type, media in holder.get("content", {}).items():
                    if "example" in media:
                        yield (
                            f"{method} {path} {label} {media_type}",
                            media["schema"],
                            media["example"],
                        )


@pytest.mark.parametrize("surface", list(SURFACES))
def test_every_example_validates_against_its_schema(surface):
    spec = bundled_spec(surface)
    found = 0
    for where, schema, example in _examples(spec):
        found += 1
        document = {**schema, "components": spec.get("components", {})}
        validator = OAS30Validator(document, format_checker=OAS30Validator.FORMAT_CHECKER)
        errors = [e.message for e in validator.iter_errors(example)]
        assert not errors, f"{surface} {where}: {errors}"
    assert found > 0


def test_scope_enum_is_the_catalog():
    enum = bundled_spec("v2")["components"]["schemas"]["Scope"]["enum"]
    assert enum == list(scope_catalog())


def test_scope_catalog_keeps_seed_names():
    catalog = scope_catalog()
    for name in ("users:read", "users:write", "users:delete", "admin", "read:data", "write:data"):
        assert name in catalog


def _has_example(spec, media) -> bool:
    if "example" in media or "examples" in media:
        return True
    schema = _resolve(spec, media.get("schema", {}))
    return "example" in schema


@pytest.mark.parametrize("surface", list(SURFACES))
def test_every_request_and_success_response_has_an_example(surface):
    spec = bundled_spec(surface)
    missing = []
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if not op:
                continue
            bodies = [("request", _resolve(spec, op.get("requestBody", {})))]
            bodies += [
                (code, _resolve(spec, r))
                for code, r in op["responses"].items()
                if code.startswith("2")
            ]
            for label, holder in bodies:
                media = holder.get("content", {}).get("application/json")
                if media is not None and not _has_example(spec, media):
                    missing.append(f"{method.upper()} {path} {label}")
    assert not missing, missing
