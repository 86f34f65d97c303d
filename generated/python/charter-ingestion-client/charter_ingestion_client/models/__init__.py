"""Contains all the data models used in inputs/outputs"""

from .error_item import ErrorItem
from .health_envelope import HealthEnvelope
from .health_envelope_data import HealthEnvelopeData
from .health_envelope_data_status import HealthEnvelopeDataStatus
from .ingestion_error import IngestionError
from .ingestion_error_error import IngestionErrorError
from .ingestion_error_error_details import IngestionErrorErrorDetails
from .ingestion_login import IngestionLogin
from .ingestion_tokens import IngestionTokens
from .ingestion_tokens_data import IngestionTokensData
from .ingestion_tokens_data_token_type import IngestionTokensDataTokenType
from .problem import Problem
from .status_envelope import StatusEnvelope
from .status_envelope_data import StatusEnvelopeData
from .status_envelope_data_database import StatusEnvelopeDataDatabase
from .status_envelope_data_database_dialect import StatusEnvelopeDataDatabaseDialect
from .status_envelope_data_ingestion import StatusEnvelopeDataIngestion
from .status_envelope_data_redis import StatusEnvelopeDataRedis
from .status_envelope_data_storage import StatusEnvelopeDataStorage
from .status_envelope_data_storage_type import StatusEnvelopeDataStorageType

__all__ = (
    "ErrorItem",
    "HealthEnvelope",
    "HealthEnvelopeData",
    "HealthEnvelopeDataStatus",
    "IngestionError",
    "IngestionErrorError",
    "IngestionErrorErrorDetails",
    "IngestionLogin",
    "IngestionTokens",
    "IngestionTokensData",
    "IngestionTokensDataTokenType",
    "Problem",
    "StatusEnvelope",
    "StatusEnvelopeData",
    "StatusEnvelopeDataDatabase",
    "StatusEnvelopeDataDatabaseDialect",
    "StatusEnvelopeDataIngestion",
    "StatusEnvelopeDataRedis",
    "StatusEnvelopeDataStorage",
    "StatusEnvelopeDataStorageType",
)
