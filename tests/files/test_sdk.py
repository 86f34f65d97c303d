"""The generated v2 Python SDK against a live server: upload, list, download and share."""

from __future__ import annotations

import io

import pytest
from charter_v2_client import ApiError, AuthenticatedClient
from charter_v2_client.api.files import (
    download_file,
    list_files,
    share_file,
    upload_file,
)
from charter_v2_client.models import FileUpload, ShareRequest
from charter_v2_client.types import File


@pytest.fixture
def sdk(live_server, make_tenant):
    tenant = make_tenant(plan="enterprise", scopes=["admin"])
    return AuthenticatedClient(
        base_url=f"{live_server.url}/v2", token=tenant.key, prefix="", auth_header_name="X-API-Key"
    )


def test_files_through_the_sdk(sdk):
    content = b"through the SDK " * 4096
    body = FileUpload(
        file=File(payload=io.BytesIO(content), file_name="sdk.txt", mime_type="text/plain"),
        path="/sdk",
    )
    uploaded = upload_file.sync(client=sdk, body=body)
    assert uploaded.name == "sdk.txt" and uploaded.size == len(content)
    page = list_files.sync(client=sdk, path="/sdk")
    assert [entry.name for entry in page.files] == ["sdk.txt"]
    got = download_file.sync_detailed(file_id=uploaded.id, client=sdk)
    assert got.status_code == 200 and got.content == content
    shared = share_file.sync(
        file_id=uploaded.id,
        client=sdk,
        body=ShareRequest(email="recipient@example.com", password_protected=True),
    )
    assert shared.password and "/v2/shares/" in shared.url
    with pytest.raises(ApiError) as missing:
        download_file.sync(file_id="file_missing", client=sdk)
    assert missing.value.status_code == 404 and missing.value.code == "NOT_FOUND"
