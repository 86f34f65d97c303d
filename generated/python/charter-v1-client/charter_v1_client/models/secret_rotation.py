from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SecretRotation")


@_attrs_define
class SecretRotation:
    """
    Attributes:
        overlap_seconds (int | Unset):  Default: 86400. Example: 3600.
        secret (str | Unset): The new secret; absent: generated. Example: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw.
    """

    overlap_seconds: int | Unset = 86400
    secret: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        overlap_seconds = self.overlap_seconds

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if overlap_seconds is not UNSET:
            field_dict["overlap_seconds"] = overlap_seconds
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        overlap_seconds = d.pop("overlap_seconds", UNSET)

        secret = d.pop("secret", UNSET)

        secret_rotation = cls(
            overlap_seconds=overlap_seconds,
            secret=secret,
        )

        return secret_rotation
