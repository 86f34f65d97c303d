"""File test harness: every test that takes `files_store` runs on local disk and on a real
S3-protocol server (moto's standalone server on 127.0.0.1), and HTTP helpers."""

from __future__ import annotations

import io

import pytest

from charter.files import stores
from charter.platform import runtime
from tests.conftest import free_port

BUCKET = "charter-files"


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """moto's standalone S3 server in its own process on 127.0.0.1 (a process of its own, so
    nothing a test patches in this one reaches it)."""
    import subprocess
    import sys
    import time

    import boto3
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=log,
    )
    deadline = time.time() + 30
    while True:
        try:
            httpx.get(url, timeout=1)
            break
        except httpx.HTTPError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("moto's S3 server did not start") from None
            time.sleep(0.1)
    client = boto3.client(
        "s3",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


def use_s3(monkeypatch, url: str, prefix: str = "tenant-files") -> None:
    settings = runtime.current().settings
    monkeypatch.setattr(settings, "file_store", f"s3://{BUCKET}/{prefix}")
    monkeypatch.setattr(settings, "s3_endpoint_url", url)
    monkeypatch.setattr(settings, "s3_access_key_id", "test")
    monkeypatch.setattr(settings, "s3_secret_access_key", "test")
    monkeypatch.setattr(settings, "s3_region", "us-east-1")


@pytest.fixture(params=["local", "s3"])
def files_store(request, app, monkeypatch):
    """The blob store the app uses in this test: local disk, then S3."""
    if request.param == "s3":
        use_s3(monkeypatch, request.getfixturevalue("s3_server"))
    store = stores.store_for(runtime.current().settings)
    assert store.kind == request.param
    return store


def headers(tenant) -> dict[str, str]:
    return {"X-API-Key": tenant.key}


def upload(client, tenant, content: bytes, name: str = "document.pdf", **form):
    files = {"file": (name, io.BytesIO(content), form.pop("content_type", "application/pdf"))}
    data = {k: str(v).lower() if isinstance(v, bool) else v for k, v in form.items()}
    return client.post("/v2/files/upload", headers=headers(tenant), files=files, data=data)


async def blob_keys(store) -> set[str]:
    return {key async for key, _ in store.keys()}
