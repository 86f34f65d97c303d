from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_envelope_data_storage_type import StatusEnvelopeDataStorageType
from ..types import UNSET, Unset

T = TypeVar("T", bound="StatusEnvelopeDataStorage")


@_attrs_define
class StatusEnvelopeDataStorage:
    """
    Attributes:
        type_ (StatusEnvelopeDataStorageType):
        available_space (str | Unset): Free space on the data volume, human readable.
    """

    type_: StatusEnvelopeDataStorageType
    available_space: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        available_space = self.available_space

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if available_space is not UNSET:
            field_dict["available_space"] = available_space

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = StatusEnvelopeDataStorageType(d.pop("type"))

        available_space = d.pop("available_space", UNSET)

        status_envelope_data_storage = cls(
            type_=type_,
            available_space=available_space,
        )

        status_envelope_data_storage.additional_properties = d
        return status_envelope_data_storage

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
