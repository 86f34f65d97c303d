"""v2 files (seed 001's CloudSync Pro API, issue 10): list, upload (streamed to the blob store
by the pipeline before this runs), metadata, delete, download and its headers."""

from charter.files import service
from charter.http.context import current_actor, request_headers, upload
from charter.http.downloads import file_response
from charter.http.responses import json
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
