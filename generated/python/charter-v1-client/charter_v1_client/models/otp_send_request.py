from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.otp_send_request_method import OtpSendRequestMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="OtpSendRequest")


@_attrs_define
class OtpSendRequest:
    """
    Example:
        {'method': 'sms', 'phone': '+1234567890', 'user_id': 'user_123'}

    Attributes:
        method (OtpSendRequestMethod):
        user_id (str):
        email (str | Unset): An email address, the one rule of every surface (users, one-time codes, file shares):
            ASCII,
            6-254 characters, `local@domain` where the local part is RFC 5322's dot-atom (runs of
            letters, digits and ``!#$%&'*+/=?^_`{|}~-`` joined by single dots, none first or last) and the
            domain is at least two dot-separated labels of letters, digits and `-`. Spaces, angle
            brackets, quotes, `@` twice and line breaks are refused. This pattern is the rule (no
            `format: email`, whose meaning differs between validators).
             Example: john@example.com.
        phone (str | Unset):
    """

    method: OtpSendRequestMethod
    user_id: str
    email: str | Unset = UNSET
    phone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        user_id = self.user_id

        email = self.email

        phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
                "user_id": user_id,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        method = OtpSendRequestMethod(d.pop("method"))

        user_id = d.pop("user_id")

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        otp_send_request = cls(
            method=method,
            user_id=user_id,
            email=email,
            phone=phone,
        )

        return otp_send_request
