"""Load the hand-authored specs and bundle each surface into one document.

Connexion is given the bundled dict, so what it serves, what `charter openapi` prints and what
`make generate` writes are the same document. References into `openapi/common/<kind>.yaml` and
PascalCase top-level names of path files are hoisted into `components`; path items are inlined.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

OPENAPI_DIR = Path(__file__).resolve().parents[2] / "openapi"

# surface name -> mount path: the one table of mount prefixes.
SURFACES: dict[str, str] = {"v1": "/v1", "v2": "/v2", "ingestion": "/api/v1", "oauth": "/oauth"}
# Longest prefix first, so /api/v1 is not taken for /v1.
_PREFIXES = sorted(((m, s) for s, m in SURFACES.items()), key=lambda p: -len(p[0]))
RATE_LIMIT_CLASSES = ("default", "auth", "export", "none")  # none: never counted
TIMEOUT_CLASSES = ("standard", "batch", "upload", "stream")
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_COMPONENT_FILES = {
    "schemas": "schemas",
    "parameters": "parameters",
    "responses": "responses",
    "headers": "headers",
    "security": "securitySchemes",
}


@cache
def _load_yaml(path: Path) -> Any:
    with path.open() as fh:
        return yaml.safe_load(fh)


def _pointer(document: Any, pointer: str) -> Any:
    node = document
    for part in [p for p in pointer.lstrip("/").split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[part]
    return node


class _Bundler:
    def __init__(self, entry: Path) -> None:
        self.entry = entry
        self.components: dict[str, dict[str, Any]] = {}
        self._origin: dict[tuple[str, str], tuple[Path, str]] = {}

    def bundle(self) -> dict[str, Any]:
        root = copy.deepcopy(_load_yaml(self.entry))
        own_components = root.pop("components", {}) or {}
        resolved: dict[str, Any] = self._walk(root, self.entry)
        for kind, items in own_components.items():
            for name, value in items.items():
                walked = self._walk(value, self.entry)
                if walked == {"$ref": f"#/components/{kind}/{name}"}:
                    continue  # the entry merely re-exports a shared component
                self._add_component(kind, name, walked, self.entry, name)
        resolved["components"] = {k: dict(sorted(v.items())) for k, v in self.components.items()}
        return resolved

    def _add_component(self, kind: str, name: str, value: Any, path: Path, pointer: str) -> None:
        origin = self._origin.setdefault((kind, name), (path, pointer))
        if origin != (path, pointer):
            raise ValueError(f"component {kind}/{name} defined twice: {origin} and {path}")
        self.components.setdefault(kind, {})[name] = value

    def _walk(self, node: Any, base: Path) -> Any:
        if isinstance(node, list):
            return [self._walk(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node and isinstance(node["$ref"], str):
            return self._resolve_ref(node, base)
        return {key: self._walk(value, base) for key, value in node.items()}

    def _resolve_ref(self, node: dict[str, Any], base: Path) -> Any:
        ref: str = node["$ref"]
        file_part, _, pointer = ref.partition("#")
        target = (base.parent / file_part).resolve() if file_part else base
        if target == self.entry and pointer.startswith("/components/"):
            return dict(node)  # already a local component reference
        document = _load_yaml(target)
        parts = [p for p in pointer.split("/") if p]
        kind = self._component_kind(target, parts)
        if kind is not None:
            name = parts[0]
            if (kind, name) not in self._origin:
                self._origin[(kind, name)] = (target, pointer)
                value = self._walk(copy.deepcopy(_pointer(document, pointer)), target)
                self.components.setdefault(kind, {})[name] = value
            elif self._origin[(kind, name)] != (target, pointer):
                raise ValueError(f"two different definitions of {kind}/{name}")
            return {"$ref": f"#/components/{kind}/{name}"}
        return self._walk(copy.deepcopy(_pointer(document, pointer)), target)

    @staticmethod
    def _component_kind(target: Path, parts: list[str]) -> str | None:
        if len(parts) != 1:
            return None
        if target.parent.name == "common" and target.stem in _COMPONENT_FILES:
            return _COMPONENT_FILES[target.stem]
        if target.parent.name == "paths" and parts[0][:1].isupper():
            return "schemas"
        return None


@cache
def _bundled(surface: str) -> dict[str, Any]:
    return _Bundler(OPENAPI_DIR / surface / "openapi.yaml").bundle()


def bundled_spec(surface: str) -> dict[str, Any]:
    """The whole spec of one surface with every external reference resolved (a fresh copy)."""
    if surface not in SURFACES:
        raise KeyError(f"unknown surface {surface!r}; one of {', '.join(SURFACES)}")
    return copy.deepcopy(_bundled(surface))


# Paths outside every mount that belong to a surface: RFC 8414 section 3 puts the metadata of
# the issuer `<base>/oauth` at the root, and its errors (429, 503) are OAuth's.
OAUTH_ROOT_METADATA_PATH = "/.well-known/oauth-authorization-server/oauth"
_ROOT_PATHS = {OAUTH_ROOT_METADATA_PATH: "oauth"}


def surface_for_path(path: str) -> str:
    """The API surface a path belongs to; paths outside every surface render as v1."""
    if path in _ROOT_PATHS:
        return _ROOT_PATHS[path]
    for prefix, surface in _PREFIXES:
        if path == prefix or path.startswith(prefix + "/"):
            return surface
    return "v1"


@cache
def _scope_catalog() -> dict[str, str]:
    return dict(_load_yaml(OPENAPI_DIR / "common" / "scopes.yaml"))


def scope_catalog() -> dict[str, str]:
    """Every scope a credential may carry, with its description (openapi/common/scopes.yaml)."""
    return dict(_scope_catalog())


@dataclass(frozen=True)
class OperationInfo:
    surface: str
    operation_id: str
    method: str
    path: str
    scopes: tuple[str, ...]
    public: bool
    deprecated: bool
    sunset: str | None
    rate_limit: str = "default"  # x-rate-limit: default | auth | export | none
    timeout: str = "standard"  # x-timeout: standard | batch | upload
    # x-idempotency: replay (a repeated POST gets the stored answer) | no-replay (its answer
    # carries credentials, which are never stored: a repeat is refused, and nothing runs twice)
    replays: bool = True
    # The media types of requestBody.content (empty: the operation takes no body), and the
    # operation's own body limit in bytes (x-body-limit; None: the settings' default).
    media_types: tuple[str, ...] = ()
    body_limit: int | None = None
    # x-body-stream: the body is a multipart upload read as it arrives, its file part written
    # straight to the blob store (charter.http.pipeline.uploads), never buffered whole.
    stream_body: bool = False


def _body_limit(op: dict[str, Any]) -> int | None:
    limit = op.get("x-body-limit")
    if limit is None:
        return None
    if not isinstance(limit, int) or isinstance(limit, bool) or limit <= 0:
        raise ValueError(f"{op['operationId']}: x-body-limit must be a positive number of bytes")
    return limit


def iter_operations(
    spec: dict[str, Any], surface: str
) -> Iterator[tuple[OperationInfo, dict[str, Any]]]:
    default_security = spec.get("security", [])
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            security = op.get("security", default_security)
            yield (
                OperationInfo(
                    surface=surface,
                    operation_id=op["operationId"],
                    method=method.upper(),
                    path=path,
                    scopes=tuple(op.get("x-scopes", ())),
                    public=security == [],
                    deprecated=bool(op.get("deprecated")),
                    sunset=str(op["x-sunset"]) if op.get("x-sunset") else None,
                    rate_limit=op.get("x-rate-limit", "default"),
                    timeout=op.get("x-timeout", "standard"),
                    replays=op.get("x-idempotency", "replay") != "no-replay",
                    media_types=tuple(op.get("requestBody", {}).get("content", {})),
                    body_limit=_body_limit(op),
                    stream_body=bool(op.get("x-body-stream")),
                ),
                op,
            )


@cache
def operation_index() -> dict[tuple[str, str], OperationInfo]:
    """(mount path, operationId) -> what the cross-cutting layers need to know about it."""
    index = {}
    for surface, mount in SURFACES.items():
        for info, _ in iter_operations(_bundled(surface), surface):
            index[(mount, info.operation_id)] = info
    return index


@cache
def _path_patterns() -> list[tuple[re.Pattern[str], dict[str, OperationInfo]]]:
    """Concrete paths before templated ones, as the router matches them."""
    patterns = []
    for surface, mount in SURFACES.items():
        by_path: dict[str, dict[str, OperationInfo]] = {}
        for info, _ in iter_operations(_bundled(surface), surface):
            by_path.setdefault(info.path, {})[info.method] = info
        for path, operations in by_path.items():
            regex = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(mount + path))
            patterns.append(("{" in path, re.compile(f"^{regex}$"), operations))
    patterns.sort(key=lambda entry: entry[0])
    return [(regex, operations) for _, regex, operations in patterns]


@lru_cache(maxsize=4096)
def _operations_at(path: str) -> dict[str, OperationInfo] | None:
    for pattern, operations in _path_patterns():
        if pattern.match(path):
            return operations
    return None


def allowed_methods(path: str) -> tuple[str, ...] | None:
    """The methods the spec documents for a concrete request path, or None if no path matches."""
    operations = _operations_at(path)
    if operations is None:
        return None
    return tuple(m.upper() for m in HTTP_METHODS if m.upper() in operations)


def operation_for(method: str, path: str) -> OperationInfo | None:
    """The operation a concrete request will be routed to, if any."""
    operations = _operations_at(path)
    return None if operations is None else operations.get(method)
