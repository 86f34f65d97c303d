from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.otp_sent_method import OtpSentMethod

T = TypeVar("T", bound="OtpSent")


@_attrs_define
class OtpSent:
    """
    Example:
        {'destination': '***7890', 'expires_at': '2024-01-15T12:05:00Z', 'method': 'sms', 'sent': True, 'user_id':
            'user_123'}

    Attributes:
        destination (str): The masked destination.
        expires_at (datetime.datetime):
        method (OtpSentMethod):
        sent (bool):
        user_id (str):
    """

    destination: str
    expires_at: datetime.datetime
    method: OtpSentMethod
    sent: bool
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        destination = self.destination

        expires_at = self.expires_at.isoformat()

        method = self.method.value

        sent = self.sent

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "destination": destination,
                "expires_at": expires_at,
                "method": method,
                "sent": sent,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        destination = d.pop("destination")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        method = OtpSentMethod(d.pop("method"))

        sent = d.pop("sent")

        user_id = d.pop("user_id")

        otp_sent = cls(
            destination=destination,
            expires_at=expires_at,
            method=method,
            sent=sent,
            user_id=user_id,
        )

        otp_sent.additional_properties = d
        return otp_sent

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
