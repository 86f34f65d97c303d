"""Contains all the data models used in inputs/outputs"""

from .envelope import Envelope
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
from .ingestion_webhook_deleted import IngestionWebhookDeleted
from .ingestion_webhook_deleted_data import IngestionWebhookDeletedData
from .ingestion_webhook_envelope import IngestionWebhookEnvelope
from .ingestion_webhook_page import IngestionWebhookPage
from .ingestion_webhook_page_data import IngestionWebhookPageData
from .ingestion_webhook_page_data_pagination import IngestionWebhookPageDataPagination
from .ingestion_webhook_request import IngestionWebhookRequest
from .ingestion_webhook_request_events_item import IngestionWebhookRequestEventsItem
from .ingestion_webhook_secret_envelope import IngestionWebhookSecretEnvelope
from .problem import Problem
from .status_envelope import StatusEnvelope
from .status_envelope_data import StatusEnvelopeData
from .status_envelope_data_database import StatusEnvelopeDataDatabase
from .status_envelope_data_database_dialect import StatusEnvelopeDataDatabaseDialect
from .status_envelope_data_ingestion import StatusEnvelopeDataIngestion
from .status_envelope_data_redis import StatusEnvelopeDataRedis
from .status_envelope_data_storage import StatusEnvelopeDataStorage
from .status_envelope_data_storage_type import StatusEnvelopeDataStorageType
from .webhook import Webhook
from .webhook_disabled_reason_type_1 import WebhookDisabledReasonType1
from .webhook_disabled_reason_type_2_type_1 import WebhookDisabledReasonType2Type1
from .webhook_disabled_reason_type_3_type_1 import WebhookDisabledReasonType3Type1
from .webhook_status import WebhookStatus
from .webhook_with_secret import WebhookWithSecret

__all__ = (
    "Envelope",
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
    "IngestionWebhookDeleted",
    "IngestionWebhookDeletedData",
    "IngestionWebhookEnvelope",
    "IngestionWebhookPage",
    "IngestionWebhookPageData",
    "IngestionWebhookPageDataPagination",
    "IngestionWebhookRequest",
    "IngestionWebhookRequestEventsItem",
    "IngestionWebhookSecretEnvelope",
    "Problem",
    "StatusEnvelope",
    "StatusEnvelopeData",
    "StatusEnvelopeDataDatabase",
    "StatusEnvelopeDataDatabaseDialect",
    "StatusEnvelopeDataIngestion",
    "StatusEnvelopeDataRedis",
    "StatusEnvelopeDataStorage",
    "StatusEnvelopeDataStorageType",
    "Webhook",
    "WebhookDisabledReasonType1",
    "WebhookDisabledReasonType2Type1",
    "WebhookDisabledReasonType3Type1",
    "WebhookStatus",
    "WebhookWithSecret",
)
