from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_write_data import RecordWriteData
    from ..models.record_write_metadata import RecordWriteMetadata


T = TypeVar("T", bound="RecordWrite")


@_attrs_define
class RecordWrite:
    """
    Attributes:
        data (RecordWriteData): The record's data (any JSON object).
        metadata (RecordWriteMetadata | Unset): Additional metadata (tags, labels).
        ttl (int | Unset): Time to live in seconds; the record expires then.
    """

    data: RecordWriteData
    metadata: RecordWriteMetadata | Unset = UNSET
    ttl: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        ttl = self.ttl

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "data": data,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if ttl is not UNSET:
            field_dict["ttl"] = ttl

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_write_data import RecordWriteData  # noqa: PLC0415
        from ..models.record_write_metadata import RecordWriteMetadata  # noqa: PLC0415

        d = dict(src_dict)
        data = RecordWriteData.from_dict(d.pop("data"))

        _metadata = d.pop("metadata", UNSET)
        metadata: RecordWriteMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RecordWriteMetadata.from_dict(_metadata)

        ttl = d.pop("ttl", UNSET)

        record_write = cls(
            data=data,
            metadata=metadata,
            ttl=ttl,
        )

        return record_write
