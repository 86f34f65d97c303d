from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_patch_data import RecordPatchData
    from ..models.record_patch_metadata import RecordPatchMetadata


T = TypeVar("T", bound="RecordPatch")


@_attrs_define
class RecordPatch:
    """
    Attributes:
        data (RecordPatchData | Unset): Merged into the record's data (RFC 7396).
        metadata (RecordPatchMetadata | Unset): Merged into the record's metadata (RFC 7396).
        ttl (int | Unset):
    """

    data: RecordPatchData | Unset = UNSET
    metadata: RecordPatchMetadata | Unset = UNSET
    ttl: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        ttl = self.ttl

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if ttl is not UNSET:
            field_dict["ttl"] = ttl

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_patch_data import RecordPatchData  # noqa: PLC0415
        from ..models.record_patch_metadata import RecordPatchMetadata  # noqa: PLC0415

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: RecordPatchData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = RecordPatchData.from_dict(_data)

        _metadata = d.pop("metadata", UNSET)
        metadata: RecordPatchMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RecordPatchMetadata.from_dict(_metadata)

        ttl = d.pop("ttl", UNSET)

        record_patch = cls(
            data=data,
            metadata=metadata,
            ttl=ttl,
        )

        return record_patch
