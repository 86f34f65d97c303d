from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_record import BatchRecord


T = TypeVar("T", bound="RecordBatch")


@_attrs_define
class RecordBatch:
    """
    Example:
        {'records': [{'data': {'name': 'Item 1'}}, {'data': {'name': 'Item 2'}}, {'data': {'name': 'Item 3'}}]}

    Attributes:
        records (list[BatchRecord]):
        atomic (bool | Unset): All or nothing; any invalid item and nothing is written. Default: False.
    """

    records: list[BatchRecord]
    atomic: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        atomic = self.atomic

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "records": records,
            }
        )
        if atomic is not UNSET:
            field_dict["atomic"] = atomic

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_record import BatchRecord  # noqa: PLC0415

        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = BatchRecord.from_dict(records_item_data)

            records.append(records_item)

        atomic = d.pop("atomic", UNSET)

        record_batch = cls(
            records=records,
            atomic=atomic,
        )

        return record_batch
