"""v1 data (seed 004): the posted object is the record's data, in the collection `default`;
answers in the v1 envelope."""

from charter.data import records
from charter.http.context import current_actor, header
from charter.http.responses import json, no_content
from charter.http.uow import read, transaction

COLLECTION = "default"


def _record(record, status=200, location=False):
    headers = {"ETag": records.etag(record)}
    if location:
        headers["Location"] = f"/v1/data/{record.id}"
    return json({"data": records.to_dict(record)}, status, headers)


async def create_data(body):
    async with transaction() as session:
        record = await records.create(session, current_actor(), COLLECTION, data=body)
    return _record(record, 201, location=True)


async def list_data(
    limit=20,
    offset=None,
    filter=None,
    sort="created_at",
    order="desc",
    fields=None,
    after=None,
    count="exact",
):
    query = {"filter": filter, "sort": sort, "order": order, "fields": fields, "count": count}
    async with read() as session:
        page = await records.query(
            session, current_actor(), COLLECTION, limit=limit, offset=offset, after=after, **query
        )
    return json(
        {
            "data": page.items,
            "total": page.total,
            "limit": page.limit,
            "offset": page.offset,
            "has_more": page.has_more,
            "next_cursor": page.next_cursor,
        }
    )


async def get_data(record_id):
    async with read() as session:
        record = await records.get(session, current_actor(), COLLECTION, record_id)
    return _record(record)


async def replace_data(record_id, body):
    async with transaction() as session:
        record = await records.replace(
            session,
            current_actor(),
            COLLECTION,
            record_id,
            data=body,
            metadata=None,
            if_match=header("if-match"),
            keep_metadata=True,
        )
    return _record(record)


async def update_data(record_id, body):
    async with transaction() as session:
        record = await records.patch(
            session,
            current_actor(),
            COLLECTION,
            record_id,
            data=body,
            metadata=None,
            if_match=header("if-match"),
        )
    return _record(record)


async def delete_data(record_id):
    async with transaction() as session:
        await records.delete(
            session, current_actor(), COLLECTION, record_id, if_match=header("if-match")
        )
    return no_content()
