"""File paths, normalised one way for every operation: absolute, `/`-separated, no empty, `.`
or `..` segments, no NUL or other control characters, bounded segment length, depth and total
length. `/documents//reports/` is `/documents/reports`; `..` is refused, never resolved."""

from __future__ import annotations

import posixpath
import unicodedata

from charter.platform.errors import Malformed

ROOT = "/"
MAX_SEGMENT = 255
MAX_DEPTH = 32
MAX_PATH = 1024


def _check_segment(segment: str, field: str) -> str:
    if segment in (".", ".."):
        raise Malformed(f"Path segments may not be {segment!r}", field=field)
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for c in segment):
        raise Malformed("Paths may not contain control characters", field=field)
    if "\\" in segment:
        raise Malformed("Paths may not contain backslashes", field=field)
    if len(segment) > MAX_SEGMENT or len(segment.encode("utf-8")) > 4 * MAX_SEGMENT:
        raise Malformed(f"A path segment is at most {MAX_SEGMENT} characters", field=field)
    return unicodedata.normalize("NFC", segment)


def directory(value: str | None, *, field: str) -> str:
    """A directory path as given by a client, normalised; `/` when empty. `field` names where
    the client sent it, as every 400 names its field: `query.path`, `body.path`."""
    value = (value or "").strip()
    if not value:
        return ROOT
    segments = [s for s in value.split("/") if s]
    if len(segments) > MAX_DEPTH:
        raise Malformed(f"A path is at most {MAX_DEPTH} directories deep", field=field)
    path = ROOT + "/".join(_check_segment(s, field) for s in segments)
    if len(path) > MAX_PATH:
        raise Malformed(f"A path is at most {MAX_PATH} characters", field=field)
    return path


def file_name(value: str, *, field: str) -> str:
    """The name an uploaded file keeps: the last segment of what the client sent (browsers and
    some clients send a whole local path, with either separator)."""
    name = value.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        raise Malformed("The uploaded file needs a file name", field=field)
    return _check_segment(name, field)


def join(parent: str, name: str, *, field: str) -> str:
    path = posixpath.join(parent, name)
    if len(path) > MAX_PATH:
        raise Malformed(f"A path is at most {MAX_PATH} characters", field=field)
    if path.count("/") > MAX_DEPTH:
        raise Malformed(f"A path is at most {MAX_DEPTH} directories deep", field=field)
    return path


def ancestors(path: str) -> list[str]:
    """`/a/b/c` -> [`/a`, `/a/b`] (the directories above it, root excluded)."""
    segments = path.strip("/").split("/")[:-1]
    return ["/" + "/".join(segments[: index + 1]) for index in range(len(segments))]


def parent_of(path: str) -> str:
    return posixpath.dirname(path) or ROOT
