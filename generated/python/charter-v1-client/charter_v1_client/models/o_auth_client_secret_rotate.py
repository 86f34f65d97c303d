from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthClientSecretRotate")


@_attrs_define
class OAuthClientSecretRotate:
    """
    Example:
        {'overlap_seconds': 3600}

    Attributes:
        overlap_seconds (int | Unset):  Default: 0.
    """

    overlap_seconds: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        overlap_seconds = self.overlap_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if overlap_seconds is not UNSET:
            field_dict["overlap_seconds"] = overlap_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        overlap_seconds = d.pop("overlap_seconds", UNSET)

        o_auth_client_secret_rotate = cls(
            overlap_seconds=overlap_seconds,
        )

        return o_auth_client_secret_rotate
