"""Request policy lives in the specs: every operation names its rate-limit rule and timeout class,
and every error code schema lists exactly the codes its surface can return (open to new ones)."""

from __future__ import annotations

import pytest

from charter.http.rendering import CODES
from charter.platform.spec import SURFACES, bundled_spec, iter_operations

RATE_LIMITS = {"auth", "export", "default", "none", "token"}
TIMEOUTS = {"standard", "batch", "upload", "stream"}
AUTH_ENDPOINTS = {"/v2/auth/login", "/v2/auth/refresh", "/api/v1/auth/login"}

# surface -> the schemas (component name, path to the property) that carry an error code
ERROR_CODE_PROPERTIES = {
    "v1": [("V1Error", "error", "code"), ("Problem", "code"), ("BatchItemError", "code")],
    "v2": [("V2Error", "error", "code"), ("Problem", "code")],
    "ingestion": [("IngestionError", "error", "code"), ("Problem", "code")],
    "oauth": [("OAuthError", "error"), ("Problem", "code")],
}


def _operations():
    for surface, mount in SURFACES.items():
        for info, op in iter_operations(bundled_spec(surface), surface):
            yield surface, mount + info.path, info.method, op


def _is_multipart(op) -> bool:
    content = op.get("requestBody", {}).get("content", {})
    return any(media_type.startswith("multipart/") for media_type in content)


def _is_event_stream(op) -> bool:
    responses = op.get("responses", {}).values()
    return any("text/event-stream" in response.get("content", {}) for response in responses)


def test_every_operation_names_its_rate_limit_and_timeout():
    for surface, path, method, op in _operations():
        where = f"{surface} {method} {path}"
        assert op.get("x-rate-limit") in RATE_LIMITS, f"{where}: x-rate-limit"
        assert op.get("x-timeout") in TIMEOUTS, f"{where}: x-timeout"


def test_auth_rate_limit_is_exactly_the_login_and_refresh_endpoints():
    limited = {path for _, path, _, op in _operations() if op["x-rate-limit"] == "auth"}
    assert limited == AUTH_ENDPOINTS
    # The OAuth token endpoint has its own class, counted per authenticated client (issue 11).
    token = {path for _, path, _, op in _operations() if op["x-rate-limit"] == "token"}
    assert token == {"/oauth/token", "/oauth/refresh"}


def test_timeout_class_follows_the_request_shape():
    for surface, path, method, op in _operations():
        if _is_multipart(op):
            expected = "upload"
        elif _is_event_stream(op):
            expected = "stream"  # GET /v2/events: ends itself by max_wait, not the deadline
        elif method == "POST" and path.endswith(("/batch", "/batch-delete")):
            expected = "batch"
        else:
            expected = "standard"
        assert op["x-timeout"] == expected, f"{surface} {method} {path}"


def _property(schemas, location):
    name, *path = location
    node = schemas[name]
    for part in path:
        node = node["properties"][part]
    return node


@pytest.mark.parametrize("surface", list(SURFACES))
def test_error_codes_are_an_extensible_enum_of_exactly_the_surface_codes(surface):
    schemas = bundled_spec(surface)["components"]["schemas"]
    expected = sorted(set(CODES[surface].values()))
    for location in ERROR_CODE_PROPERTIES[surface]:
        code = _property(schemas, location)
        assert code["type"] == "string", location
        assert code.get("x-extensible-enum") == expected, location
        assert "enum" not in code, f"{location}: a closed enum breaks clients on new codes"


def _nodes_with(node, key):
    if isinstance(node, dict):
        if key in node:
            yield node
        for value in node.values():
            yield from _nodes_with(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes_with(item, key)


@pytest.mark.parametrize("surface", list(SURFACES))
def test_no_other_code_list_in_the_spec(surface):
    spec = bundled_spec(surface)
    expected = sorted(set(CODES[surface].values()))
    found = list(_nodes_with(spec, "x-extensible-enum"))
    assert len(found) == len(ERROR_CODE_PROPERTIES[surface])
    for node in found:
        assert node["x-extensible-enum"] == expected
        assert "enum" not in node


def test_deprecated_alias_announces_deprecation_and_sunset(client):
    response = client.get("/v1/health/alive")
    assert response.status_code == 200
    assert response.headers["deprecation"] == "true"
    assert response.headers["sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response.json() == client.get("/v1/health/live").json()
    assert "deprecation" not in client.get("/v1/health/live").headers
