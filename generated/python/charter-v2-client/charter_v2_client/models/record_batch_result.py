from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record import Record
    from ..models.record_batch_item_error import RecordBatchItemError


T = TypeVar("T", bound="RecordBatchResult")


@_attrs_define
class RecordBatchResult:
    """
    Example:
        {'created': 2, 'errors': [{'error': {'code': 'INVALID_REQUEST', 'details': {'errors': [{'field':
            'body.records.1.data', 'message': 'data must be an object'}], 'field': 'body.records.1.data', 'reason': 'data
            must be an object'}, 'message': 'data must be an object'}, 'index': 1, 'status': 400}], 'failed': 1, 'records':
            [{'collection': 'products', 'created_at': '2024-02-07T10:30:00Z', 'data': {'name': 'Item 1'}, 'id':
            'rec_3KfA9cLq2TnV7wXy', 'metadata': {}, 'updated_at': '2024-02-07T10:30:00Z'}, {'collection': 'products',
            'created_at': '2024-02-07T10:30:00Z', 'data': {'name': 'Item 3'}, 'id': 'rec_7YpB2dMr5UoW8xZa', 'metadata': {},
            'updated_at': '2024-02-07T10:30:00Z'}]}

    Attributes:
        created (int): Records created (the length of `records`).
        errors (list[RecordBatchItemError]): Each invalid item, in request order.
        failed (int): Items not created (the length of `errors`).
        records (list[Record]): The records created, in request order.
    """

    created: int
    errors: list[RecordBatchItemError]
    failed: int
    records: list[Record]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        failed = self.failed

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "errors": errors,
                "failed": failed,
                "records": records,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record import Record  # noqa: PLC0415
        from ..models.record_batch_item_error import RecordBatchItemError  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = RecordBatchItemError.from_dict(errors_item_data)

            errors.append(errors_item)

        failed = d.pop("failed")

        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = Record.from_dict(records_item_data)

            records.append(records_item)

        record_batch_result = cls(
            created=created,
            errors=errors,
            failed=failed,
            records=records,
        )

        record_batch_result.additional_properties = d
        return record_batch_result

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
