from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_entry_type import FileEntryType

T = TypeVar("T", bound="FileEntry")


@_attrs_define
class FileEntry:
    """A file or directory (seed 001's list item, plus content type, checksum and times).

    Attributes:
        checksum (None | str): Hex SHA-256 of the bytes. Example:
            9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.
        content_type (None | str):  Example: application/pdf.
        created_at (datetime.datetime):  Example: 2024-01-15T10:30:00Z.
        id (str):  Example: file_abc123.
        modified (datetime.datetime):  Example: 2024-01-15T10:30:00Z.
        name (str):  Example: document.pdf.
        path (str):  Example: /documents/document.pdf.
        size (int): Bytes (0 for a directory). Example: 1024000.
        type_ (FileEntryType):  Example: file.
        version (int): Raised by each overwrite. Example: 1.
    """

    checksum: None | str
    content_type: None | str
    created_at: datetime.datetime
    id: str
    modified: datetime.datetime
    name: str
    path: str
    size: int
    type_: FileEntryType
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checksum: None | str
        checksum = self.checksum

        content_type: None | str
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        id = self.id

        modified = self.modified.isoformat()

        name = self.name

        path = self.path

        size = self.size

        type_ = self.type_.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checksum": checksum,
                "content_type": content_type,
                "created_at": created_at,
                "id": id,
                "modified": modified,
                "name": name,
                "path": path,
                "size": size,
                "type": type_,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_checksum(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        checksum = _parse_checksum(d.pop("checksum"))

        def _parse_content_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_type = _parse_content_type(d.pop("content_type"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        name = d.pop("name")

        path = d.pop("path")

        size = d.pop("size")

        type_ = FileEntryType(d.pop("type"))

        version = d.pop("version")

        file_entry = cls(
            checksum=checksum,
            content_type=content_type,
            created_at=created_at,
            id=id,
            modified=modified,
            name=name,
            path=path,
            size=size,
            type_=type_,
            version=version,
        )

        file_entry.additional_properties = d
        return file_entry

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
