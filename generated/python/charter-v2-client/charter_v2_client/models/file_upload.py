from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="FileUpload")


@_attrs_define
class FileUpload:
    """
    Attributes:
        file (File): The file; its name is the name it is stored under.
        overwrite (bool | Unset): Replace the file at that path (new version, same id). Default: False. Example: False.
        path (str | Unset): Destination path (seed 001): the directory the file goes into, default `/`; the file
            keeps its uploaded name under it. `path=/documents` with `report.pdf` stores
            `/documents/report.pdf`; `path=/documents/report.pdf` with `report.pdf` stores
            `/documents/report.pdf/report.pdf` (a directory `report.pdf`), or is 409 naming
            `body.path` if `/documents/report.pdf` is a file. `..`, NUL and control characters are
            refused (400 naming `body.path`).
             Example: /documents.
    """

    file: File
    overwrite: bool | Unset = False
    path: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        overwrite = self.overwrite

        path = self.path

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file": file,
            }
        )
        if overwrite is not UNSET:
            field_dict["overwrite"] = overwrite
        if path is not UNSET:
            field_dict["path"] = path

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.overwrite, Unset):
            files.append(("overwrite", (None, str(self.overwrite).encode(), "text/plain")))

        if not isinstance(self.path, Unset):
            files.append(("path", (None, str(self.path).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        overwrite = d.pop("overwrite", UNSET)

        path = d.pop("path", UNSET)

        file_upload = cls(
            file=file,
            overwrite=overwrite,
            path=path,
        )

        return file_upload
