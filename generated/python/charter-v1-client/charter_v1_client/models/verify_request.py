from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.verify_request_method import VerifyRequestMethod

T = TypeVar("T", bound="VerifyRequest")


@_attrs_define
class VerifyRequest:
    """
    Example:
        {'code': '123456', 'method': 'totp', 'user_id': 'user_123'}

    Attributes:
        code (str):
        method (VerifyRequestMethod):
        user_id (str):
    """

    code: str
    method: VerifyRequestMethod
    user_id: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        method = self.method.value

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "method": method,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        method = VerifyRequestMethod(d.pop("method"))

        user_id = d.pop("user_id")

        verify_request = cls(
            code=code,
            method=method,
            user_id=user_id,
        )

        return verify_request
