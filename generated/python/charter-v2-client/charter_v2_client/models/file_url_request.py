from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FileUrlRequest")


@_attrs_define
class FileUrlRequest:
    """
    Attributes:
        expires_in (int): Seconds the URL works. Example: 3600.
    """

    expires_in: int

    def to_dict(self) -> dict[str, Any]:
        expires_in = self.expires_in

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expires_in": expires_in,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_in = d.pop("expires_in")

        file_url_request = cls(
            expires_in=expires_in,
        )

        return file_url_request
