from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.status_envelope_data_database import StatusEnvelopeDataDatabase
    from ..models.status_envelope_data_ingestion import StatusEnvelopeDataIngestion
    from ..models.status_envelope_data_redis import StatusEnvelopeDataRedis
    from ..models.status_envelope_data_storage import StatusEnvelopeDataStorage


T = TypeVar("T", bound="StatusEnvelopeData")


@_attrs_define
class StatusEnvelopeData:
    """
    Attributes:
        database (StatusEnvelopeDataDatabase):
        ingestion (StatusEnvelopeDataIngestion):
        redis (StatusEnvelopeDataRedis):
        storage (StatusEnvelopeDataStorage):
    """

    database: StatusEnvelopeDataDatabase
    ingestion: StatusEnvelopeDataIngestion
    redis: StatusEnvelopeDataRedis
    storage: StatusEnvelopeDataStorage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        database = self.database.to_dict()

        ingestion = self.ingestion.to_dict()

        redis = self.redis.to_dict()

        storage = self.storage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "database": database,
                "ingestion": ingestion,
                "redis": redis,
                "storage": storage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_envelope_data_database import StatusEnvelopeDataDatabase  # noqa: PLC0415
        from ..models.status_envelope_data_ingestion import StatusEnvelopeDataIngestion  # noqa: PLC0415
        from ..models.status_envelope_data_redis import StatusEnvelopeDataRedis  # noqa: PLC0415
        from ..models.status_envelope_data_storage import StatusEnvelopeDataStorage  # noqa: PLC0415

        d = dict(src_dict)
        database = StatusEnvelopeDataDatabase.from_dict(d.pop("database"))

        ingestion = StatusEnvelopeDataIngestion.from_dict(d.pop("ingestion"))

        redis = StatusEnvelopeDataRedis.from_dict(d.pop("redis"))

        storage = StatusEnvelopeDataStorage.from_dict(d.pop("storage"))

        status_envelope_data = cls(
            database=database,
            ingestion=ingestion,
            redis=redis,
            storage=storage,
        )

        status_envelope_data.additional_properties = d
        return status_envelope_data

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
