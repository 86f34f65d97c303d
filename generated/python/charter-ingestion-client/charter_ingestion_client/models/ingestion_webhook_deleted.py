from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ingestion_webhook_deleted_data import IngestionWebhookDeletedData


T = TypeVar("T", bound="IngestionWebhookDeleted")


@_attrs_define
class IngestionWebhookDeleted:
    """
    Example:
        {'data': {'deleted': True, 'id': 'wh_8fKq2LmZx9TbWc4R'}, 'message': 'Webhook deleted', 'request_id':
            'req_8c1f0b7d2a9e4f6b', 'success': True, 'timestamp': '2024-01-01T00:00:00Z'}

    Attributes:
        message (str):
        request_id (str):  Example: req_8c1f0b7d2a9e4f6b.
        success (bool):  Example: True.
        timestamp (datetime.datetime): RFC 3339 UTC time with `Z`. Example: 2026-01-15T10:30:00Z.
        data (IngestionWebhookDeletedData | Unset):
    """

    message: str
    request_id: str
    success: bool
    timestamp: datetime.datetime
    data: IngestionWebhookDeletedData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        request_id = self.request_id

        success = self.success

        timestamp = self.timestamp.isoformat()

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "request_id": request_id,
                "success": success,
                "timestamp": timestamp,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ingestion_webhook_deleted_data import IngestionWebhookDeletedData  # noqa: PLC0415

        d = dict(src_dict)
        message = d.pop("message")

        request_id = d.pop("request_id")

        success = d.pop("success")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        _data = d.pop("data", UNSET)
        data: IngestionWebhookDeletedData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = IngestionWebhookDeletedData.from_dict(_data)

        ingestion_webhook_deleted = cls(
            message=message,
            request_id=request_id,
            success=success,
            timestamp=timestamp,
            data=data,
        )

        ingestion_webhook_deleted.additional_properties = d
        return ingestion_webhook_deleted

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
