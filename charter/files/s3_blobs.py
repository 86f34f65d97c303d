"""The blob store on an S3-protocol bucket (`CHARTER_FILE_STORE=s3://bucket/prefix`), via boto3."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from charter.files.blobs import CHUNK, Blob, Referenced, in_thread
from charter.platform.settings import Settings


class S3Writer:
    def __init__(self, store: S3BlobStore) -> None:
        self.store = store
        self.size = 0
        # The start time in the key: the collector trusts it over a store's `Initiated`
        # (moto reports a fixed date there).
        self.key = f"{store.prefix}blobs/{int(time.time()):010d}-{uuid.uuid4().hex}"
        self._hash = hashlib.sha256()
        self._buffer: list[bytes | memoryview] = []
        self._buffered = 0
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        # The part being sent while the next one is received (at most two parts in memory).
        self._pending: asyncio.Future[None] | None = None

    async def _drain(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    async def write(self, data: bytes | memoryview) -> None:
        if not data:
            return
        self.size += len(data)
        self._buffer.append(data)
        self._buffered += len(data)
        while self._buffered >= self.store.part_bytes:
            await self._send_part()

    def _take(self, limit: int | None = None) -> bytes:
        """Up to `limit` buffered bytes (all by default); the rest stays buffered."""
        data = b"".join(self._buffer)
        if limit is not None and len(data) > limit:
            data, rest = data[:limit], data[limit:]
            self._buffer, self._buffered = [rest], len(rest)
            return data
        self._buffer, self._buffered = [], 0
        return data

    def _send_part_sync(self, data: bytes) -> None:
        client = self.store.client
        self._hash.update(data)
        if self._upload_id is None:
            started = client.create_multipart_upload(Bucket=self.store.bucket, Key=self.key)
            self._upload_id = started["UploadId"]
        number = len(self._parts) + 1
        answer = client.upload_part(
            Bucket=self.store.bucket,
            Key=self.key,
            UploadId=self._upload_id,
            PartNumber=number,
            Body=data,
        )
        self._parts.append({"PartNumber": number, "ETag": answer["ETag"]})

    async def _send_part(self) -> None:
        await self._drain()
        part = self._take(self.store.part_bytes)
        self._pending = asyncio.ensure_future(in_thread(self._send_part_sync, part))

    def _commit_sync(self, data: bytes) -> None:
        client, bucket = self.store.client, self.store.bucket
        if self._upload_id is None:
            self._hash.update(data)
            client.put_object(Bucket=bucket, Key=self.key, Body=data)
            return
        if data:
            self._send_part_sync(data)
        client.complete_multipart_upload(
            Bucket=bucket,
            Key=self.key,
            UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )

    async def commit(self) -> Blob:
        await self._drain()
        await in_thread(self._commit_sync, self._take())
        return Blob(key=self.key, size=self.size, sha256=self._hash.hexdigest())

    async def release(self) -> None:
        """Every S3 upload has a key of its own: nothing else can claim or delete it."""

    def _abort_sync(self) -> None:
        if self._upload_id is not None:
            with contextlib.suppress(Exception):
                self.store.client.abort_multipart_upload(
                    Bucket=self.store.bucket, Key=self.key, UploadId=self._upload_id
                )

    async def abort(self) -> None:
        self._buffer, self._buffered = [], 0
        with contextlib.suppress(Exception):
            await self._drain()
        await in_thread(self._abort_sync)


class S3BlobStore:
    """One `PutObject` for a small file and a multipart upload (`CHARTER_FILE_PART_BYTES`
    parts) for a large one, each under a fresh random key; a failed or killed upload is aborted
    (or left incomplete, which S3 never shows, and the collector aborts it)."""

    kind = "s3"

    def __init__(self, url: str, settings: Settings) -> None:
        import boto3
        from botocore.config import Config

        parts = urlsplit(url)
        self.bucket = parts.netloc
        prefix = parts.path.strip("/")
        self.prefix = f"{prefix}/" if prefix else ""
        self.settings = settings
        self.client = boto3.session.Session().client(
            "s3",
            endpoint_url=settings.s3_endpoint_url or None,
            region_name=settings.s3_region or None,
            aws_access_key_id=settings.s3_access_key_id or None,
            aws_secret_access_key=settings.s3_secret_access_key or None,
            config=Config(
                max_pool_connections=64,
                retries={"max_attempts": 3, "mode": "standard"},
                s3={"addressing_style": "path"},
            ),
        )

    @property
    def part_bytes(self) -> int:
        return self.settings.file_part_bytes

    def _check(self, key: str) -> str:
        if not key.startswith(f"{self.prefix}blobs/"):
            raise ValueError("not a blob key")
        return key

    def writer(self) -> S3Writer:
        return S3Writer(self)

    async def read(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        extra = {}
        if start or end is not None:
            extra["Range"] = f"bytes={start}-{'' if end is None else end}"
        answer = await in_thread(
            lambda: self.client.get_object(Bucket=self.bucket, Key=self._check(key), **extra)
        )
        body = answer["Body"]
        try:
            while True:
                data = await in_thread(body.read, CHUNK)
                if not data:
                    break
                yield data
        finally:
            await in_thread(body.close)

    async def delete(self, key: str) -> None:
        await in_thread(lambda: self.client.delete_object(Bucket=self.bucket, Key=self._check(key)))

    async def delete_unreferenced(self, key: str, referenced: Referenced) -> bool:
        if await referenced(key):
            return False
        await self.delete(key)
        return True

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        def head() -> bool:
            try:
                self.client.head_object(Bucket=self.bucket, Key=self._check(key))
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                    return False
                raise
            return True

        return await in_thread(head)

    def _list_page(self, token: str | None) -> tuple[list[tuple[str, datetime]], str | None]:
        extra = {"ContinuationToken": token} if token else {}
        answer = self.client.list_objects_v2(
            Bucket=self.bucket, Prefix=f"{self.prefix}blobs/", MaxKeys=1000, **extra
        )
        items = [(item["Key"], item["LastModified"]) for item in answer.get("Contents", [])]
        return items, answer.get("NextContinuationToken") if answer.get("IsTruncated") else None

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        token: str | None = None
        while True:
            items, token = await in_thread(self._list_page, token)
            for item in items:
                yield item
            if token is None:
                return

    def _abandon_sync(self, older_than: datetime) -> int:
        removed = 0
        paginator = self.client.get_paginator("list_multipart_uploads")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=f"{self.prefix}blobs/"):
            for upload in page.get("Uploads", []):
                started = max(upload["Initiated"], _started(upload["Key"]))
                if started < older_than:
                    self.client.abort_multipart_upload(
                        Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"]
                    )
                    removed += 1
        return removed

    async def abandon_uploads(self, older_than: datetime) -> int:
        return await in_thread(self._abandon_sync, older_than)


def _started(key: str) -> datetime:
    """The start time an S3Writer put in its key (the epoch for other keys)."""
    stamp = key.rsplit("/", 1)[-1].split("-", 1)[0]
    return datetime.fromtimestamp(int(stamp) if stamp.isdigit() else 0, UTC)
