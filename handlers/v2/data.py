"""v2 data collections (seed 000): bare records with their version in ETag; lists under
`pagination`."""

from charter.data import batch, records
from charter.http.context import current_actor, header
from charter.http.rendering import STATUSES, item_error
from charter.http.responses import json, no_content
from charter.http.uow import read, transaction


def _record(record, status=200, location=False):
    headers = {"ETag": records.etag(record)}
    if location:
        headers["Location"] = f"/v2/data/{record.collection}/{record.id}"
    return json(records.to_dict(record), status, headers)


async def create_record(collection, body):
    async with transaction() as session:
        record = await records.create(
            session,
            current_actor(),
            collection,
            data=body["data"],
            metadata=body.get("metadata"),
            ttl=body.get("ttl"),
        )
    return _record(record, 201, location=True)


async def list_records(
    collection,
    filter=None,
    sort="created_at",
    order="desc",
    limit=20,
    offset=None,
    after=None,
    count="exact",
    fields=None,
):
    query = {"filter": filter, "sort": sort, "order": order, "fields": fields, "count": count}
    async with read() as session:
        page = await records.query(
            session, current_actor(), collection, limit=limit, offset=offset, after=after, **query
        )
    pagination = {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "has_more": page.has_more,
        "next_cursor": page.next_cursor,
    }
    return json({"data": page.items, "pagination": pagination})


async def create_records(collection, body):
    async with transaction() as session:
        outcome = await batch.create_many(
            session, current_actor(), collection, body["records"], atomic=body.get("atomic", False)
        )
    errors = [_item_error(index, error) for index, error in outcome.errors]
    created = outcome.records
    return json(
        {"created": len(created), "failed": len(errors), "records": created, "errors": errors}
    )


def _item_error(index, error):
    rendered = item_error(error, "v2")
    status = STATUSES["v2"].get(rendered["code"], error.status)
    return {"index": index, "status": status, "error": rendered}


async def delete_records(collection, body):
    async with transaction() as session:
        deleted, not_found = await batch.delete_many(
            session, current_actor(), collection, body["ids"]
        )
    return json({"deleted": len(deleted), "deleted_ids": deleted, "not_found": not_found})


async def get_record(collection, record_id):
    async with read() as session:
        record = await records.get(session, current_actor(), collection, record_id)
    return _record(record)


async def replace_record(collection, record_id, body):
    async with transaction() as session:
        record = await records.replace(
            session,
            current_actor(),
            collection,
            record_id,
            data=body["data"],
            metadata=body.get("metadata"),
            ttl=body.get("ttl"),
            if_match=header("if-match"),
        )
    return _record(record)


async def update_record(collection, record_id, body):
    async with transaction() as session:
        record = await records.patch(
            session,
            current_actor(),
            collection,
            record_id,
            data=body.get("data"),
            metadata=body.get("metadata"),
            ttl=body.get("ttl"),
            if_match=header("if-match"),
        )
    return _record(record)


async def delete_record(collection, record_id):
    async with transaction() as session:
        await records.delete(
            session, current_actor(), collection, record_id, if_match=header("if-match")
        )
    return no_content()
