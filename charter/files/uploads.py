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
    form = _Form(store)
    parser = form.parser(boundary_of(content_type))
    try:
        async for chunk in chunks:
            try:
                parser.write(chunk)
            except Exception as exc:  # python-multipart's MultipartParseError and friends
                raise Malformed("The multipart body is malformed", field="body") from exc
            for kind, data in form.events:
                if kind != "part_data" or not form.part.is_file:
                    form.handle(kind, data)
                    continue
                # The file's bytes, the hot path: written here, no extra call or await per chunk
                writer = form.writer
                assert writer is not None
                await writer.write(data)
                if writer.size > max_file_bytes:
                    raise PayloadTooLarge(
                        f"The file is larger than the {max_file_bytes}-byte limit "
                        "(CHARTER_MAX_FILE_BYTES)"
                    )
            form.events.clear()
        return await form.finish()
    except BaseException:
        if form.writer is not None:
            await form.writer.abort()
        raise


class _Form:
    """What the parser reported so far: the part being read, the text fields, the file's writer.

    The parser's callbacks only queue events (a blob write is async); `receive` takes them
    after each chunk, writing the file's data itself and handing every other event here."""

    def __init__(self, store: BlobStore) -> None:
        self.store = store
        self.events: list[tuple[str, bytes | memoryview]] = []
        self.part = _Part()
        self.writer: BlobWriter | None = None
        self.filename = ""
        self.file_type: str | None = None
        self.fields: dict[str, str] = {}
        self.ended = False

    def parser(self, boundary: bytes) -> MultipartParser:
        """A push parser whose callbacks append to `events`."""
        events = self.events

        def on(name: str):  # type: ignore[no-untyped-def]
            return lambda: events.append((name, b""))

        def on_data(name: str):  # type: ignore[no-untyped-def]
            # A view of an (immutable) chunk, not a copy; the parser's own buffers are copied.
            return lambda data, start, end: events.append(
                (
                    name,
                    memoryview(data)[start:end] if type(data) is bytes else bytes(data[start:end]),
                )
            )

        return MultipartParser(
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

    def handle(self, kind: str, data: bytes | memoryview) -> None:
        """Every event but the file part's data."""
        part = self.part
        if kind == "part_begin":
            self.part = _Part()
        elif kind == "header_field":
            part.header_field += data
            part.header_bytes += len(data)
        elif kind == "header_value":
            part.header_value += data
            part.header_bytes += len(data)
        elif kind == "header_end":
            part.headers.append((bytes(part.header_field).lower(), bytes(part.header_value)))
            part.header_field, part.header_value = bytearray(), bytearray()
        elif kind == "headers_finished":
            self._start_part()
        elif kind == "part_data":
            self._add_field_data(data)
        elif kind == "part_end":
            self._end_part()
        elif kind == "end":
            self.ended = True

    def _start_part(self) -> None:
        """The part's headers are read: a file part gets the upload's one writer."""
        part = self.part
        _describe(part)
        if part.is_file:
            if self.writer is not None:
                raise Malformed("Send one file per upload", field="body.file")
            self.writer = self.store.writer()
            self.filename, self.file_type = part.filename or "", part.content_type
        elif len(self.fields) >= MAX_FIELDS:
            raise Malformed(f"At most {MAX_FIELDS} form fields", field="body")

    def _add_field_data(self, data: bytes | memoryview) -> None:
        part = self.part
        part.data += data
        if len(part.data) > MAX_FIELD_BYTES:
            raise Malformed(
                f"Form field {part.name[:40]!r} is longer than {MAX_FIELD_BYTES} bytes",
                field=f"body.{part.name[:40]}",
            )

    def _end_part(self) -> None:
        part = self.part
        if not part.is_file and part.name:
            try:
                self.fields[part.name] = part.data.decode("utf-8")
            except UnicodeDecodeError:
                raise Malformed(
                    "Form fields must be UTF-8", field=f"body.{part.name[:40]}"
                ) from None

    async def finish(self) -> Upload:
        """The body has been read: commit (and claim) the file's blob."""
        if not self.ended:
            raise Malformed("The multipart body ended early", field="body")
        if self.writer is None:
            raise Malformed("'file' is a required property", field="body.file")
        blob = await self.writer.commit()
        return Upload(
            blob=blob,
            writer=self.writer,
            filename=self.filename,
            content_type=self.file_type,
            fields=self.fields,
        )


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
