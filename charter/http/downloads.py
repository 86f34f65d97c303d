"""A file's bytes as an HTTP answer: streamed from the blob store, resumable (one Range: 206,
416), cacheable (ETag, Last-Modified, 304) and inert in a browser (nosniff, CSP sandbox,
attachment for active types). Shared by the file download, share downloads and signed URLs."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import quote

from starlette.responses import Response, StreamingResponse

from charter.files import blobs
from charter.platform.errors import RangeNotSatisfiable

# Shown in the browser: nothing in them runs. Everything else (HTML, SVG, XML, scripts...) is
# an attachment.
INLINE = re.compile(
    r"^(image/(png|jpeg|gif|webp|avif|bmp)|audio/.+|video/.+|application/pdf|text/plain)$"
)
# Positions of any length (the header is at most 200 characters): a last-pos or suffix past the
# end is clamped to it, a first-pos past the end is 416 (RFC 9110 14.1.2).
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def disposition(name: str, content_type: str) -> str:
    """RFC 6266 with an ASCII fallback `filename` and the exact UTF-8 `filename*` (RFC 5987)."""
    kind = "inline" if INLINE.match(content_type.split(";", 1)[0].strip().lower()) else "attachment"
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\%;' else "_" for c in name)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return etag in tags


def _not_modified_since(header: str, modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since is None or since.tzinfo is None:
        return False
    return modified.replace(microsecond=0) <= since


def _range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) of one satisfiable byte range; None to send the whole file."""
    match = RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None  # several ranges or another unit: the whole file (RFC 9110 14.2)
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        suffix = int(last)
        if suffix == 0:
            raise RangeNotSatisfiable(
                "The range is empty", headers={"Content-Range": f"bytes */{size}"}
            )
        return max(0, size - suffix), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        raise RangeNotSatisfiable(
            f"The range starts past the end of the {size}-byte file",
            headers={"Content-Range": f"bytes */{size}"},
        )
    return start, end


def file_response(
    store: blobs.BlobStore,
    file: Any,
    headers: dict[str, str],
    *,
    head: bool = False,
) -> Response:
    """The answer to a download of `file` (a row with blob_key, size, checksum, name,
    content_type, modified_at) given the request's headers (lower-case names)."""
    etag = f'"{file.checksum}"'
    content_type = file.content_type or blobs_default_type()
    common = {
        "ETag": etag,
        "Last-Modified": _http_date(file.modified_at),
        "Cache-Control": "private, no-cache",
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
    }
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        if _etag_matches(if_none_match, etag):
            return Response(status_code=304, headers=common)
    elif headers.get("if-modified-since") and _not_modified_since(
        headers["if-modified-since"], file.modified_at
    ):
        return Response(status_code=304, headers=common)
    common["Content-Disposition"] = disposition(file.name, content_type)
    size = file.size
    wanted = None
    if headers.get("range") and size > 0:
        if_range = headers.get("if-range")
        if if_range is None or if_range.strip() in (etag, common["Last-Modified"]):
            wanted = _range(headers["range"], size)
    status, start, end = 200, 0, size - 1
    if wanted is not None:
        status, (start, end) = 206, wanted
        common["Content-Range"] = f"bytes {start}-{end}/{size}"
    common["Content-Length"] = str(end - start + 1 if size else 0)
    if head:
        return Response(status_code=status, headers=common, media_type=content_type)

    async def body() -> AsyncIterator[bytes]:
        if size == 0:
            return
        async for chunk in store.read(file.blob_key, start, end):
            yield chunk

    return StreamingResponse(body(), status_code=status, headers=common, media_type=content_type)


def blobs_default_type() -> str:
    return "application/octet-stream"
