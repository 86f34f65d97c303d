"""Collections of records: listed with their live record counts, and declared (an optional JSON
Schema that every record's `data` must satisfy, and data fields to index).

A collection comes into being on the first write of a record, or by a declaration; it is listed
while it has live records or a declaration. Declaring:

- `schema`: JSON Schema Draft 2020-12, at most 32 KiB, `$ref`s local to it only (`#...`:
  nothing is ever fetched). It applies to writes from then on; records already stored are not
  re-checked (a schema change never rewrites or refuses existing data).
- `indexes`: up to 8 data fields, named as filters name them (`price`, `dimensions.width`,
  `data.id`). Each gets an expression index over the comparison filters make on it
  (storage/repositories/collections.py): for a field the schema types as a number or a string,
  that one; for an untyped field, both. Boolean, null, array and object fields are not indexed.
  Indexes are built before the declaration commits (PostgreSQL: concurrently, writes go on).

Deleting a collection deletes its declaration and its records; with live records it answers 409
unless `force` is set, so records are never lost by a mistaken DELETE. It announces
`collection.deleted` with the number of records deleted (one event, not one per record).
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry
from referencing.exceptions import NoSuchResource
from sqlalchemy.ext.asyncio import AsyncSession

from charter.data import filters
from charter.events import outbox
from charter.identity.principals import Actor
from charter.platform.clock import isoformat, new_id, utcnow
from charter.platform.errors import Conflict, FieldError, Invalid, NotFound
from charter.platform.paging import Page
from storage.models import Collection
from storage.repositories import collections as repo
from storage.repositories.collections import IndexSpec

# The one pattern of collection names (records.COLLECTION is the same).
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
MAX_SCHEMA_BYTES = 32 * 1024
MAX_INDEXES = 8
MAX_ERRORS = 10
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_CACHE_SIZE = 1024


@dataclass
class Declaration:
    """A checked declaration: what `prepare` built indexes for and `declare` stores."""

    scope: dict[str, Any]
    schema: dict[str, Any] | None
    indexes: list[str]
    specs: list[IndexSpec] = field(default_factory=list)


@dataclass(frozen=True)
class _Compiled:
    validator: Draft202012Validator
    types: dict[str, str]


def _refuse(uri: str) -> Any:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs class


_REGISTRY: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]  # attrs class
_compiled: OrderedDict[tuple[str, int], _Compiled] = OrderedDict()


def _scope(actor: Actor, name: str) -> dict[str, Any]:
    if not NAME.match(name):
        raise Invalid(
            "A collection name is a letter, then up to 63 letters, digits, '_' or '-'",
            field="path.name",
        )
    p = actor.require()
    return {"organization_id": p.organization_id, "livemode": p.livemode, "collection": name}


def to_dict(name: str, records: int, collection: Collection | None) -> dict[str, Any]:
    return {
        "name": name,
        "record_count": records,
        "schema": collection.json_schema if collection else None,
        "indexes": list(collection.indexes) if collection else [],
        "version": collection.version if collection else 0,
        "declared_at": isoformat(collection.updated_at) if collection else None,
    }


async def list_collections(
    session: AsyncSession, actor: Actor, *, limit: int = 20, offset: int = 0
) -> Page:
    p = actor.require()
    rows, total = await repo.list_collections(
        session,
        organization_id=p.organization_id,
        livemode=p.livemode,
        now=utcnow(),
        limit=limit,
        offset=offset,
    )
    return Page([to_dict(*row) for row in rows], total, limit, offset)


async def get(session: AsyncSession, actor: Actor, name: str) -> dict[str, Any]:
    scope = _scope(actor, name)
    collection, records = await _load(session, scope)
    if collection is None and records == 0:
        raise NotFound("Collection not found")
    return to_dict(name, records, collection)


async def _load(session: AsyncSession, scope: dict[str, Any]) -> tuple[Collection | None, int]:
    collection = await repo.get_collection(
        session,
        organization_id=scope["organization_id"],
        livemode=scope["livemode"],
        name=scope["collection"],
    )
    return collection, await repo.count_records(session, now=utcnow(), **scope)


# Declaring ------------------------------------------------------------------------------------


async def prepare(
    session: AsyncSession,
    actor: Actor,
    name: str,
    *,
    schema: dict[str, Any] | None,
    indexes: list[str],
) -> Declaration:
    """Check a declaration and build the indexes it needs. `session` is an autocommit unit (an
    index is built outside any transaction); `declare` then stores the declaration."""
    scope = _scope(actor, name)
    if schema is not None:
        _check_schema(schema)
    types = _declared(schema) if schema is not None else {}
    declaration = Declaration(scope, schema, [], [])
    seen: set[tuple[str, ...]] = set()
    if len(indexes) > MAX_INDEXES:
        raise Invalid(f"At most {MAX_INDEXES} indexed fields", field="body.indexes")
    for position, text in enumerate(indexes):
        path = _index_path(text, position)
        if path in seen:
            continue
        seen.add(path)
        declaration.indexes.append(text)
        declaration.specs += _specs(path, types.get(".".join(path)), position)
    for spec in declaration.specs:
        await repo.ensure_index(session, spec)
    return declaration


def _index_path(text: str, position: int) -> tuple[str, ...]:
    where = f"body.indexes.{position}"
    try:
        parsed = filters.parse_field(text, param="fields")
    except Invalid as error:
        raise Invalid(error.message, field=where) from None
    if parsed.target != "data":
        raise Invalid(
            f"{text!r} is not a data field (use the 'data.' prefix for a data key named so)",
            field=where,
        )
    return parsed.path


def _specs(path: tuple[str, ...], declared: str | None, position: int) -> list[IndexSpec]:
    if declared is None:
        return [IndexSpec(path, kind) for kind in repo.INDEX_KINDS]
    if declared not in repo.INDEX_KINDS:
        raise Invalid(
            f"{'.'.join(path)!r} is declared {declared}: only number and string fields are indexed",
            field=f"body.indexes.{position}",
        )
    return [IndexSpec(path, declared)]


async def declare(
    session: AsyncSession, actor: Actor, declaration: Declaration
) -> tuple[dict[str, Any], bool, list[IndexSpec]]:
    """Store a prepared declaration (a new version). Returns the collection, whether the
    declaration is new, and the indexes the previous version used that this one does not (for
    `release`, after the commit)."""
    actor.require()
    scope, now = declaration.scope, utcnow()
    collection, records = await _load(session, scope)
    created = collection is None
    previous: list[IndexSpec] = []
    if collection is None:
        collection = Collection(
            id=new_id("col"),
            organization_id=scope["organization_id"],
            livemode=scope["livemode"],
            name=scope["collection"],
            version=0,
            created_at=now,
        )
        session.add(collection)
    else:
        previous = await repo.indexes_of(session, collection.id)
    collection.json_schema = declaration.schema
    collection.indexes = declaration.indexes
    collection.version += 1
    collection.updated_at = now
    await repo.set_indexes(session, collection, declaration.specs)
    await outbox.enqueue(
        session,
        event_type="collection.declared",
        organization_id=scope["organization_id"],
        livemode=scope["livemode"],
        payload={"collection": scope["collection"], "version": collection.version},
    )
    released = [spec for spec in previous if spec not in declaration.specs]
    return to_dict(scope["collection"], records, collection), created, released


async def delete(
    session: AsyncSession, actor: Actor, name: str, *, force: bool = False
) -> list[IndexSpec]:
    """Delete the collection: its declaration and its records (409 while it has live records,
    unless `force`). Returns the indexes it used, for `release` after the commit."""
    scope = _scope(actor, name)
    collection, records = await _load(session, scope)
    if collection is None and records == 0:
        raise NotFound("Collection not found")
    if records and not force:
        raise Conflict(
            f"The collection has {records} records; delete them first, or pass force=true "
            "to delete them with it"
        )
    specs = await repo.indexes_of(session, collection.id) if collection is not None else []
    deleted = await repo.delete_collection(
        session,
        collection,
        organization_id=scope["organization_id"],
        livemode=scope["livemode"],
        name=name,
    )
    await outbox.enqueue(
        session,
        event_type="collection.deleted",
        organization_id=scope["organization_id"],
        livemode=scope["livemode"],
        payload={"collection": name, "records_deleted": deleted},
    )
    return specs


async def release(session: AsyncSession, specs: list[IndexSpec]) -> None:
    """Drop the indexes no declaration uses any more (autocommit `session`, after the commit
    that stopped using them). A declaration that started using one while it was being dropped
    gets it back: the users are counted again after the drop."""
    for spec in specs:
        if await repo.index_users(session, spec):
            continue
        await repo.drop_index(session, spec)
        if await repo.index_users(session, spec):
            await repo.ensure_index(session, spec)


# Schemas ---------------------------------------------------------------------------------------


def _check_schema(schema: dict[str, Any]) -> None:
    if len(json.dumps(schema)) > MAX_SCHEMA_BYTES:
        raise Invalid(f"A schema is at most {MAX_SCHEMA_BYTES} bytes of JSON", field="body.schema")
    if schema.get("$schema", DRAFT) != DRAFT:
        raise Invalid(f"Schemas are JSON Schema {DRAFT}", field="body.schema.$schema")
    _check_refs(schema, "body.schema")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        where = ".".join(["body.schema", *(str(p) for p in error.absolute_path)])
        raise Invalid(f"Not a valid JSON Schema: {_short(error.message)}", field=where) from None


def _check_refs(node: Any, where: str) -> None:
    """Only references into the schema itself (`#...`): a remote one is refused, not fetched."""
    if isinstance(node, list):
        for position, item in enumerate(node):
            _check_refs(item, f"{where}.{position}")
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in ("$ref", "$dynamicRef") and isinstance(value, str):
            if not value.startswith("#"):
                raise Invalid(
                    f"{key} {_short(value)!r} is not local: only references into this schema "
                    "('#...') are allowed",
                    field=f"{where}.{key}",
                )
        else:
            _check_refs(value, f"{where}.{key}")


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _declared(schema: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Field path -> JSON type, for the fields the schema types with exactly one type, through
    nested `properties` (`integer` is a number, as filters type values)."""
    types: dict[str, str] = {}
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return types
    for name, sub in properties.items():
        if not isinstance(sub, dict) or not filters.SEGMENT.match(name):
            continue
        path = prefix + name
        kind = sub.get("type")
        if isinstance(kind, list) and len(kind) == 1:
            kind = kind[0]
        if isinstance(kind, str):
            types[path] = "number" if kind == "integer" else kind
        if kind == "object":
            types.update(_declared(sub, path + "."))
    return types


async def _compiled_for(session: AsyncSession, scope: dict[str, Any]) -> _Compiled | None:
    """The collection's compiled schema, cached by (declaration id, version): one small query
    per unit of work (a batch of a thousand records asks once), the schema itself read and
    compiled only when the declaration changed."""
    memo = session.info.setdefault("collection_versions", {})
    memo_key = (scope["organization_id"], scope["livemode"], scope["collection"])
    if memo_key not in memo:
        memo[memo_key] = await repo.definition_version(session, **scope)
    found = memo[memo_key]
    if found is None:
        return None
    key = found
    compiled = _compiled.get(key)
    if compiled is not None:
        _compiled.move_to_end(key)
        return compiled
    schema = await repo.definition_schema(session, found[0])
    if schema is None:
        return None
    compiled = _Compiled(Draft202012Validator(schema, registry=_REGISTRY), _declared(schema))
    _compiled[key] = compiled
    while len(_compiled) > _CACHE_SIZE:
        _compiled.popitem(last=False)
    return compiled


async def validate_record(
    session: AsyncSession, scope: dict[str, Any], data: dict[str, Any]
) -> None:
    """Raise `Invalid` naming the failing path (`body.data.price`) when the collection declares
    a schema and `data` does not satisfy it. `scope` is records' (organization_id, livemode,
    collection)."""
    compiled = await _compiled_for(session, scope)
    if compiled is None:
        return
    errors = sorted(compiled.validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    fields = [FieldError(_error_path(e), _short(e.message)) for e in errors[:MAX_ERRORS]]
    raise Invalid(
        f"data does not match the collection's schema: {fields[0].message}", errors=fields
    )


def _error_path(error: ValidationError) -> str:
    path = ["body", "data", *(str(p) for p in error.absolute_path)]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [p for p in error.validator_value if p not in error.instance]
        if missing:
            path.append(str(missing[0]))
    return ".".join(path)


async def declared_types(session: AsyncSession, scope: dict[str, Any]) -> dict[str, str]:
    """Data field path (dotted, as filters name it without a prefix) -> the JSON type the
    collection's schema declares for it (null, boolean, number, string, array, object; an
    integer is a number), for fields typed with exactly one type. Empty without a schema."""
    compiled = await _compiled_for(session, scope)
    return dict(compiled.types) if compiled is not None else {}
