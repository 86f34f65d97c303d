"""v2 files (seed 001's CloudSync Pro API, issue 10): list, upload (streamed to the blob store
by the pipeline before this runs), metadata, delete, download and its headers."""

from charter.files import service, sharing
from charter.http.context import base_url, current_actor, request_headers, upload
from charter.http.downloads import file_response
from charter.http.responses import json, no_content, parse_time
from charter.http.uow import read, transaction


async def list_files(path="/", limit=50, offset=0, sort="name", order="asc"):
    async with read() as session:
        page = await service.list_files(
            session, current_actor(), path=path, limit=limit, offset=offset, sort=sort, order=order
        )
    return json(page)


async def upload_file(body=None, file=None):
    body = body or {}
    async with transaction() as session:
        stored = await service.save_upload(
            session,
            current_actor(),
            upload(),
            directory=body.get("path"),
            overwrite=bool(body.get("overwrite", False)),
        )
    return json(stored, 201)


async def create_directory(body):
    async with transaction() as session:
        return json(await service.create_directory(session, current_actor(), body["path"]), 201)


async def get_file(file_id):
    async with read() as session:
        return json(service.to_dict(await service.get(session, current_actor(), file_id)))


async def delete_file(file_id):
    async with transaction() as session:
        return json(await service.delete(session, current_actor(), file_id))


async def download_file(file_id):
    async with read() as session:
        file = await service.get_file(session, current_actor(), file_id)
    return file_response(service.store(), file, request_headers())


async def head_file(file_id):
    async with read() as session:
        file = await service.get_file(session, current_actor(), file_id)
    return file_response(service.store(), file, request_headers(), head=True)


async def share_file(file_id, body):
    fields = {**body, "expires_at": parse_time(body.get("expires_at"), "body.expires_at")}
    async with transaction() as session:
        share = await sharing.create(session, current_actor(), file_id, fields, base_url())
    return json(share, 201)


async def list_file_shares(file_id, limit=20, offset=0):
    async with read() as session:
        page = await sharing.list_shares(
            session, current_actor(), file_id, limit=limit, offset=offset
        )
    pagination = {"total": page.total, "limit": page.limit, "offset": page.offset}
    pagination["has_more"] = page.has_more
    return json({"data": page.items, "pagination": pagination})


async def revoke_file_share(file_id, share_id):
    async with transaction() as session:
        await sharing.revoke(session, current_actor(), file_id, share_id)
    return no_content()


async def create_file_url(file_id, body):
    async with read() as session:
        url = await sharing.create_url(
            session, current_actor(), file_id, body["expires_in"], base_url()
        )
    return json(url, 201)
