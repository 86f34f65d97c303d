from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_event_data_reason import RecordEventDataReason
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_event_data_changes import RecordEventDataChanges


T = TypeVar("T", bound="RecordEventData")


@_attrs_define
class RecordEventData:
    """
    Example:
        {'changes': {'name': 'Widget', 'price': 29.99}, 'collection': 'products', 'record_id': 'rec_abc123'}

    Attributes:
        changes (RecordEventDataChanges): created: the record's data; updated: the fields changed, with their new values
            (null:
            removed); deleted: empty.
             Example: {'price': 24.99}.
        collection (str):  Example: products.
        record_id (str):  Example: rec_abc123.
        reason (RecordEventDataReason | Unset): On `record.deleted`: present when the record's TTL ended it. Example:
            expired.
    """

    changes: RecordEventDataChanges
    collection: str
    record_id: str
    reason: RecordEventDataReason | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changes = self.changes.to_dict()

        collection = self.collection

        record_id = self.record_id

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "collection": collection,
                "record_id": record_id,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_event_data_changes import RecordEventDataChanges  # noqa: PLC0415

        d = dict(src_dict)
        changes = RecordEventDataChanges.from_dict(d.pop("changes"))

        collection = d.pop("collection")

        record_id = d.pop("record_id")

        _reason = d.pop("reason", UNSET)
        reason: RecordEventDataReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = RecordEventDataReason(_reason)

        record_event_data = cls(
            changes=changes,
            collection=collection,
            record_id=record_id,
            reason=reason,
        )

        record_event_data.additional_properties = d
        return record_event_data

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
