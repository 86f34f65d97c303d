from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shared_file_permissions import SharedFilePermissions
from ..models.shared_file_type import SharedFileType

T = TypeVar("T", bound="SharedFile")


@_attrs_define
class SharedFile:
    """
    Attributes:
        content_type (None | str):  Example: application/pdf.
        expires_at (datetime.datetime | None):  Example: 2030-02-15T00:00:00Z.
        modified (datetime.datetime):  Example: 2024-01-15T10:30:00Z.
        name (str):  Example: document.pdf.
        password_protected (bool):  Example: False.
        permissions (SharedFilePermissions):  Example: view.
        size (int):  Example: 1024000.
        type_ (SharedFileType):  Example: file.
    """

    content_type: None | str
    expires_at: datetime.datetime | None
    modified: datetime.datetime
    name: str
    password_protected: bool
    permissions: SharedFilePermissions
    size: int
    type_: SharedFileType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_type: None | str
        content_type = self.content_type

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        modified = self.modified.isoformat()

        name = self.name

        password_protected = self.password_protected

        permissions = self.permissions.value

        size = self.size

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_type": content_type,
                "expires_at": expires_at,
                "modified": modified,
                "name": name,
                "password_protected": password_protected,
                "permissions": permissions,
                "size": size,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_content_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_type = _parse_content_type(d.pop("content_type"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        name = d.pop("name")

        password_protected = d.pop("password_protected")

        permissions = SharedFilePermissions(d.pop("permissions"))

        size = d.pop("size")

        type_ = SharedFileType(d.pop("type"))

        shared_file = cls(
            content_type=content_type,
            expires_at=expires_at,
            modified=modified,
            name=name,
            password_protected=password_protected,
            permissions=permissions,
            size=size,
            type_=type_,
        )

        shared_file.additional_properties = d
        return shared_file

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
