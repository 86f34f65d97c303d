"""v2 collections (seed 000, issue 8): list with record counts, declare (JSON Schema, indexed
fields), get and delete. Indexes are built and dropped outside the declaration's transaction
(`read()` is an autocommit unit): PostgreSQL builds them concurrently."""

from charter.data import collections
from charter.http.context import current_actor
from charter.http.responses import json, no_content
from charter.http.uow import read, transaction


async def list_collections(limit=20, offset=0):
    async with read() as session:
        page = await collections.list_collections(
            session, current_actor(), limit=limit, offset=offset
        )
    pagination = {"total": page.total, "limit": page.limit, "offset": page.offset}
    pagination["has_more"] = page.has_more
    return json({"data": page.items, "pagination": pagination})


async def get_collection(name):
    async with read() as session:
        collection = await collections.get(session, current_actor(), name)
    return json(collection)


async def declare_collection(name, body):
    actor = current_actor()
    schema, indexes = body.get("schema"), body.get("indexes", [])
    async with read() as session:  # indexes first, outside any transaction
        declaration = await collections.prepare(
            session, actor, name, schema=schema, indexes=indexes
        )
    async with transaction() as session:
        collection, created, released = await collections.declare(session, actor, declaration)
    async with read() as session:
        await collections.release(session, released)
    return json(collection, 201 if created else 200)


async def delete_collection(name, force=False):
    async with transaction() as session:
        released = await collections.delete(session, current_actor(), name, force=force)
    async with read() as session:
        await collections.release(session, released)
    return no_content()
