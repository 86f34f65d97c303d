from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SharedUpload")


@_attrs_define
class SharedUpload:
    """
    Attributes:
        checksum (str): Hex SHA-256 of the new version's bytes. Example:
            9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.
        content_type (str):  Example: application/pdf.
        name (str):  Example: document.pdf.
        size (int):  Example: 2048000.
        upload_time (datetime.datetime):  Example: 2024-01-16T09:00:00Z.
        version (int):  Example: 2.
    """

    checksum: str
    content_type: str
    name: str
    size: int
    upload_time: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checksum = self.checksum

        content_type = self.content_type

        name = self.name

        size = self.size

        upload_time = self.upload_time.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checksum": checksum,
                "content_type": content_type,
                "name": name,
                "size": size,
                "upload_time": upload_time,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        checksum = d.pop("checksum")

        content_type = d.pop("content_type")

        name = d.pop("name")

        size = d.pop("size")

        upload_time = datetime.datetime.fromisoformat(d.pop("upload_time"))

        version = d.pop("version")

        shared_upload = cls(
            checksum=checksum,
            content_type=content_type,
            name=name,
            size=size,
            upload_time=upload_time,
            version=version,
        )

        shared_upload.additional_properties = d
        return shared_upload

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
