"""A multipart/form-data upload read as it arrives: the file part goes straight into a blob
writer (never whole in memory, never a temporary copy first), the few text fields are kept.

python-multipart's push parser is fed each chunk of the request body; what it reports is
handled after each chunk, so a file part costs at most one chunk plus the writer's buffer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header

from charter.files.blobs import Blob, BlobStore, BlobWriter
from charter.platform.errors import Malformed, PayloadTooLarge

FILE_FIELD = "file"
MAX_FIELDS = 16
MAX_FIELD_BYTES = 4096
MAX_HEADER_BYTES = 8192


@dataclass
class Upload:
    """A received upload: its committed (and claimed) blob and the form's text fields."""

    blob: Blob
    writer: BlobWriter
    filename: str
    content_type: str | None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class _Part:
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    header_bytes: int = 0
    name: str = ""
    filename: str | None = None
    content_type: str | None = None
    data: bytearray = field(default_factory=bytearray)
    is_file: bool = False


def boundary_of(content_type: str) -> bytes:
    media, options = parse_options_header(content_type)
    if media != b"multipart/form-data":
        raise Malformed("Send the file as multipart/form-data", field="header.Content-Type")
    boundary = options.get(b"boundary")
    if not boundary or len(boundary) > 200:
        raise Malformed("multipart/form-data needs a boundary", field="header.Content-Type")
    return boundary


async def receive(
    chunks: AsyncIterator[bytes], content_type: str, store: BlobStore, *, max_file_bytes: int
) -> Upload:
    """Parse the body, writing the `file` part to a new blob; the blob is committed and claimed
    on success (the caller releases it) and aborted on any failure."""
    boundary = boundary_of(content_type)
    events: list[tuple[str, bytes | memoryview]] = []

    def on(name: str):  # type: ignore[no-untyped-def]
        return lambda: events.append((name, b""))

    def on_data(name: str):  # type: ignore[no-untyped-def]
        # A view of an (immutable) chunk, not a copy; the parser's own buffers are copied.
        return lambda data, start, end: events.append(
            (name, memoryview(data)[start:end] if type(data) is bytes else bytes(data[start:end]))
        )

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": on("part_begin"),
            "on_part_data": on_data("part_data"),
            "on_part_end": on("part_end"),
            "on_header_field": on_data("header_field"),
            "on_header_value": on_data("header_value"),
            "on_header_end": on("header_end"),
            "on_headers_finished": on("headers_finished"),
            "on_end": on("end"),
        },
    )
    writer: BlobWriter | None = None
    fields: dict[str, str] = {}
    part = _Part()
    filename, file_type = "", None
    ended = False
    try:
        async for chunk in chunks:
            try:
                parser.write(chunk)
            except Exception as exc:  # python-multipart's MultipartParseError and friends
                raise Malformed("The multipart body is malformed", field="body") from exc
            for kind, data in events:
                if kind == "part_begin":
                    part = _Part()
                elif kind == "header_field":
                    part.header_field += data
                    part.header_bytes += len(data)
                elif kind == "header_value":
                    part.header_value += data
                    part.header_bytes += len(data)
                elif kind == "header_end":
                    part.headers.append(
                        (bytes(part.header_field).lower(), bytes(part.header_value))
                    )
                    part.header_field, part.header_value = bytearray(), bytearray()
                elif kind == "headers_finished":
                    _describe(part)
                    if part.is_file:
                        if writer is not None:
                            raise Malformed("Send one file per upload", field="body.file")
                        writer = store.writer()
                        filename, file_type = part.filename or "", part.content_type
                    elif len(fields) >= MAX_FIELDS:
                        raise Malformed(f"At most {MAX_FIELDS} form fields", field="body")
                elif kind == "part_data":
                    if part.is_file:
                        assert writer is not None
                        await writer.write(data)
                        if writer.size > max_file_bytes:
                            raise PayloadTooLarge(
                                f"The file is larger than the {max_file_bytes}-byte limit "
                                "(CHARTER_MAX_FILE_BYTES)"
                            )
                    else:
                        part.data += data
                        if len(part.data) > MAX_FIELD_BYTES:
                            raise Malformed(
                                f"Form field {part.name[:40]!r} is longer than "
                                f"{MAX_FIELD_BYTES} bytes",
                                field=f"body.{part.name[:40]}",
                            )
                elif kind == "part_end":
                    if not part.is_file and part.name:
                        try:
                            fields[part.name] = part.data.decode("utf-8")
                        except UnicodeDecodeError:
                            raise Malformed(
                                "Form fields must be UTF-8", field=f"body.{part.name[:40]}"
                            ) from None
                elif kind == "end":
                    ended = True
            events.clear()
        if not ended:
            raise Malformed("The multipart body ended early", field="body")
        if writer is None:
            raise Malformed("'file' is a required property", field="body.file")
        blob = await writer.commit()
        return Upload(
            blob=blob, writer=writer, filename=filename, content_type=file_type, fields=fields
        )
    except BaseException:
        if writer is not None:
            await writer.abort()
        raise


def _describe(part: _Part) -> None:
    if part.header_bytes > MAX_HEADER_BYTES:
        raise Malformed("A multipart part's headers are too long", field="body")
    for name, value in part.headers:
        if name == b"content-disposition":
            disposition, options = parse_options_header(value)
            part.name = options.get(b"name", b"").decode("utf-8", "replace")
            raw = options.get(b"filename")
            if raw is not None:
                part.filename = raw.decode("utf-8", "replace")
        elif name == b"content-type":
            part.content_type = value.decode("latin-1").strip()
    part.is_file = part.name == FILE_FIELD
    if not part.is_file and part.filename is not None:
        raise Malformed(f"Only 'file' may carry a file, not {part.name[:40]!r}", field="body")
