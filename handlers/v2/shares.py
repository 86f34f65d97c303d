"""v2 shares (issue 10): a shared file's details and bytes, a new version through an `edit`
share (streamed to the blob store by the pipeline before this runs), unlocking a
password-protected share, and signed download URLs; all reached without credentials."""

from charter.files import service, share_uploads, sharing
from charter.http.context import base_url, current_actor, header, request_headers, upload
from charter.http.downloads import file_response
from charter.http.responses import json
from charter.http.uow import raise_if_error, read, transaction


async def get_share(token):
    async with read() as session:
        return json(await sharing.describe(session, token))


async def download_share(token):
    async with read() as session:
        file = await sharing.open_for_download(session, token)
    return file_response(service.store(), file, request_headers())


async def upload_share(token, body=None, file=None):
    unlock = header("x-share-unlock")
    async with transaction() as session:
        stored = await share_uploads.save(session, current_actor(), token, unlock, upload())
    return json(stored, 201)


async def unlock_share(token, body):
    async with transaction() as session:  # a wrong password's count commits, then it raises
        outcome = await sharing.unlock(session, token, body["password"], base_url())
    return json(raise_if_error(outcome))


async def download_signed(token):
    async with read() as session:
        file = await sharing.open_signed(session, token)
    return file_response(service.store(), file, request_headers())
