"""Contains all the data models used in inputs/outputs"""

from .api_key_created_event import ApiKeyCreatedEvent
from .api_key_created_event_event import ApiKeyCreatedEventEvent
from .api_key_event_data import ApiKeyEventData
from .api_key_request import ApiKeyRequest
from .api_key_revoked_event import ApiKeyRevokedEvent
from .api_key_revoked_event_event import ApiKeyRevokedEventEvent
from .api_key_rolled_event import ApiKeyRolledEvent
from .api_key_rolled_event_event import ApiKeyRolledEventEvent
from .api_key_updated_event import ApiKeyUpdatedEvent
from .api_key_updated_event_event import ApiKeyUpdatedEventEvent
from .batch_record import BatchRecord
from .collection import Collection
from .collection_declaration import CollectionDeclaration
from .collection_declaration_schema_type_0 import CollectionDeclarationSchemaType0
from .collection_declared_event import CollectionDeclaredEvent
from .collection_declared_event_event import CollectionDeclaredEventEvent
from .collection_deleted_event import CollectionDeletedEvent
from .collection_deleted_event_event import CollectionDeletedEventEvent
from .collection_event_data import CollectionEventData
from .collection_page import CollectionPage
from .collection_page_pagination import CollectionPagePagination
from .collection_schema_type_0 import CollectionSchemaType0
from .created_api_key import CreatedApiKey
from .directory_create import DirectoryCreate
from .error_item import ErrorItem
from .file_created_event import FileCreatedEvent
from .file_created_event_event import FileCreatedEventEvent
from .file_deleted import FileDeleted
from .file_deleted_event import FileDeletedEvent
from .file_deleted_event_event import FileDeletedEventEvent
from .file_entry import FileEntry
from .file_entry_type import FileEntryType
from .file_event_data import FileEventData
from .file_list import FileList
from .file_shared_event import FileSharedEvent
from .file_shared_event_event import FileSharedEventEvent
from .file_upload import FileUpload
from .file_url_request import FileUrlRequest
from .health import Health
from .health_api_status import HealthApiStatus
from .health_status import HealthStatus
from .ingestion_completed_event import IngestionCompletedEvent
from .ingestion_completed_event_event import IngestionCompletedEventEvent
from .ingestion_event_data import IngestionEventData
from .ingestion_failed_event import IngestionFailedEvent
from .ingestion_failed_event_event import IngestionFailedEventEvent
from .list_files_order import ListFilesOrder
from .list_files_sort import ListFilesSort
from .list_records_count import ListRecordsCount
from .list_records_order import ListRecordsOrder
from .list_webhook_deliveries_status import ListWebhookDeliveriesStatus
from .login_request import LoginRequest
from .o_auth_client_created_event import OAuthClientCreatedEvent
from .o_auth_client_created_event_event import OAuthClientCreatedEventEvent
from .o_auth_client_event_data import OAuthClientEventData
from .o_auth_grant_created_event import OAuthGrantCreatedEvent
from .o_auth_grant_created_event_event import OAuthGrantCreatedEventEvent
from .o_auth_grant_event_data import OAuthGrantEventData
from .o_auth_grant_revoked_event import OAuthGrantRevokedEvent
from .o_auth_grant_revoked_event_event import OAuthGrantRevokedEventEvent
from .organization_created_event import OrganizationCreatedEvent
from .organization_created_event_event import OrganizationCreatedEventEvent
from .organization_deleted_event import OrganizationDeletedEvent
from .organization_deleted_event_event import OrganizationDeletedEventEvent
from .organization_event_data import OrganizationEventData
from .organization_event_data_organization import OrganizationEventDataOrganization
from .organization_updated_event import OrganizationUpdatedEvent
from .organization_updated_event_event import OrganizationUpdatedEventEvent
from .problem import Problem
from .record import Record
from .record_batch import RecordBatch
from .record_batch_delete import RecordBatchDelete
from .record_batch_delete_result import RecordBatchDeleteResult
from .record_batch_item_error import RecordBatchItemError
from .record_batch_item_error_error import RecordBatchItemErrorError
from .record_batch_result import RecordBatchResult
from .record_created_event import RecordCreatedEvent
from .record_created_event_event import RecordCreatedEventEvent
from .record_data import RecordData
from .record_deleted_event import RecordDeletedEvent
from .record_deleted_event_event import RecordDeletedEventEvent
from .record_event_data import RecordEventData
from .record_event_data_changes import RecordEventDataChanges
from .record_event_data_reason import RecordEventDataReason
from .record_metadata import RecordMetadata
from .record_page import RecordPage
from .record_page_pagination import RecordPagePagination
from .record_patch import RecordPatch
from .record_patch_data import RecordPatchData
from .record_patch_metadata import RecordPatchMetadata
from .record_updated_event import RecordUpdatedEvent
from .record_updated_event_event import RecordUpdatedEventEvent
from .record_write import RecordWrite
from .record_write_data import RecordWriteData
from .record_write_metadata import RecordWriteMetadata
from .refresh_request import RefreshRequest
from .report_event_data import ReportEventData
from .report_generated_event import ReportGeneratedEvent
from .report_generated_event_event import ReportGeneratedEventEvent
from .role import Role
from .scope import Scope
from .secret_rotation import SecretRotation
from .share import Share
from .share_created import ShareCreated
from .share_page import SharePage
from .share_page_pagination import SharePagePagination
from .share_permissions import SharePermissions
from .share_request import ShareRequest
from .share_request_permissions import ShareRequestPermissions
from .share_status import ShareStatus
from .share_unlock import ShareUnlock
from .share_upload import ShareUpload
from .shared_file import SharedFile
from .shared_file_permissions import SharedFilePermissions
from .shared_file_type import SharedFileType
from .shared_upload import SharedUpload
from .signed_url import SignedUrl
from .stream_events_events_item import StreamEventsEventsItem
from .token_response import TokenResponse
from .token_response_token_type import TokenResponseTokenType
from .token_user import TokenUser
from .uploaded_file import UploadedFile
from .user_authenticated_event import UserAuthenticatedEvent
from .user_authenticated_event_event import UserAuthenticatedEventEvent
from .user_created_event import UserCreatedEvent
from .user_created_event_event import UserCreatedEventEvent
from .user_deleted_event import UserDeletedEvent
from .user_deleted_event_event import UserDeletedEventEvent
from .user_event_data import UserEventData
from .user_login_failed_event import UserLoginFailedEvent
from .user_login_failed_event_event import UserLoginFailedEventEvent
from .user_mfa_failed_event import UserMfaFailedEvent
from .user_mfa_failed_event_event import UserMfaFailedEventEvent
from .user_unlocked_event import UserUnlockedEvent
from .user_unlocked_event_event import UserUnlockedEventEvent
from .user_updated_event import UserUpdatedEvent
from .user_updated_event_event import UserUpdatedEventEvent
from .v2_error import V2Error
from .v2_error_details import V2ErrorDetails
from .v2_error_error import V2ErrorError
from .webhook import Webhook
from .webhook_attempt import WebhookAttempt
from .webhook_changes import WebhookChanges
from .webhook_changes_events_item import WebhookChangesEventsItem
from .webhook_changes_status import WebhookChangesStatus
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_disabled_event import WebhookDisabledEvent
from .webhook_disabled_event_event import WebhookDisabledEventEvent
from .webhook_disabled_reason_type_1 import WebhookDisabledReasonType1
from .webhook_disabled_reason_type_2_type_1 import WebhookDisabledReasonType2Type1
from .webhook_disabled_reason_type_3_type_1 import WebhookDisabledReasonType3Type1
from .webhook_event_data import WebhookEventData
from .webhook_event_data_reason import WebhookEventDataReason
from .webhook_page import WebhookPage
from .webhook_pagination import WebhookPagination
from .webhook_ping_event import WebhookPingEvent
from .webhook_ping_event_event import WebhookPingEventEvent
from .webhook_request import WebhookRequest
from .webhook_request_events_item import WebhookRequestEventsItem
from .webhook_status import WebhookStatus
from .webhook_with_secret import WebhookWithSecret

__all__ = (
    "ApiKeyCreatedEvent",
    "ApiKeyCreatedEventEvent",
    "ApiKeyEventData",
    "ApiKeyRequest",
    "ApiKeyRevokedEvent",
    "ApiKeyRevokedEventEvent",
    "ApiKeyRolledEvent",
    "ApiKeyRolledEventEvent",
    "ApiKeyUpdatedEvent",
    "ApiKeyUpdatedEventEvent",
    "BatchRecord",
    "Collection",
    "CollectionDeclaration",
    "CollectionDeclarationSchemaType0",
    "CollectionDeclaredEvent",
    "CollectionDeclaredEventEvent",
    "CollectionDeletedEvent",
    "CollectionDeletedEventEvent",
    "CollectionEventData",
    "CollectionPage",
    "CollectionPagePagination",
    "CollectionSchemaType0",
    "CreatedApiKey",
    "DirectoryCreate",
    "ErrorItem",
    "FileCreatedEvent",
    "FileCreatedEventEvent",
    "FileDeleted",
    "FileDeletedEvent",
    "FileDeletedEventEvent",
    "FileEntry",
    "FileEntryType",
    "FileEventData",
    "FileList",
    "FileSharedEvent",
    "FileSharedEventEvent",
    "FileUpload",
    "FileUrlRequest",
    "Health",
    "HealthApiStatus",
    "HealthStatus",
    "IngestionCompletedEvent",
    "IngestionCompletedEventEvent",
    "IngestionEventData",
    "IngestionFailedEvent",
    "IngestionFailedEventEvent",
    "ListFilesOrder",
    "ListFilesSort",
    "ListRecordsCount",
    "ListRecordsOrder",
    "ListWebhookDeliveriesStatus",
    "LoginRequest",
    "OAuthClientCreatedEvent",
    "OAuthClientCreatedEventEvent",
    "OAuthClientEventData",
    "OAuthGrantCreatedEvent",
    "OAuthGrantCreatedEventEvent",
    "OAuthGrantEventData",
    "OAuthGrantRevokedEvent",
    "OAuthGrantRevokedEventEvent",
    "OrganizationCreatedEvent",
    "OrganizationCreatedEventEvent",
    "OrganizationDeletedEvent",
    "OrganizationDeletedEventEvent",
    "OrganizationEventData",
    "OrganizationEventDataOrganization",
    "OrganizationUpdatedEvent",
    "OrganizationUpdatedEventEvent",
    "Problem",
    "Record",
    "RecordBatch",
    "RecordBatchDelete",
    "RecordBatchDeleteResult",
    "RecordBatchItemError",
    "RecordBatchItemErrorError",
    "RecordBatchResult",
    "RecordCreatedEvent",
    "RecordCreatedEventEvent",
    "RecordData",
    "RecordDeletedEvent",
    "RecordDeletedEventEvent",
    "RecordEventData",
    "RecordEventDataChanges",
    "RecordEventDataReason",
    "RecordMetadata",
    "RecordPage",
    "RecordPagePagination",
    "RecordPatch",
    "RecordPatchData",
    "RecordPatchMetadata",
    "RecordUpdatedEvent",
    "RecordUpdatedEventEvent",
    "RecordWrite",
    "RecordWriteData",
    "RecordWriteMetadata",
    "RefreshRequest",
    "ReportEventData",
    "ReportGeneratedEvent",
    "ReportGeneratedEventEvent",
    "Role",
    "Scope",
    "SecretRotation",
    "Share",
    "ShareCreated",
    "SharedFile",
    "SharedFilePermissions",
    "SharedFileType",
    "SharedUpload",
    "SharePage",
    "SharePagePagination",
    "SharePermissions",
    "ShareRequest",
    "ShareRequestPermissions",
    "ShareStatus",
    "ShareUnlock",
    "ShareUpload",
    "SignedUrl",
    "StreamEventsEventsItem",
    "TokenResponse",
    "TokenResponseTokenType",
    "TokenUser",
    "UploadedFile",
    "UserAuthenticatedEvent",
    "UserAuthenticatedEventEvent",
    "UserCreatedEvent",
    "UserCreatedEventEvent",
    "UserDeletedEvent",
    "UserDeletedEventEvent",
    "UserEventData",
    "UserLoginFailedEvent",
    "UserLoginFailedEventEvent",
    "UserMfaFailedEvent",
    "UserMfaFailedEventEvent",
    "UserUnlockedEvent",
    "UserUnlockedEventEvent",
    "UserUpdatedEvent",
    "UserUpdatedEventEvent",
    "V2Error",
    "V2ErrorDetails",
    "V2ErrorError",
    "Webhook",
    "WebhookAttempt",
    "WebhookChanges",
    "WebhookChangesEventsItem",
    "WebhookChangesStatus",
    "WebhookDelivery",
    "WebhookDeliveryPage",
    "WebhookDeliveryStatus",
    "WebhookDisabledEvent",
    "WebhookDisabledEventEvent",
    "WebhookDisabledReasonType1",
    "WebhookDisabledReasonType2Type1",
    "WebhookDisabledReasonType3Type1",
    "WebhookEventData",
    "WebhookEventDataReason",
    "WebhookPage",
    "WebhookPagination",
    "WebhookPingEvent",
    "WebhookPingEventEvent",
    "WebhookRequest",
    "WebhookRequestEventsItem",
    "WebhookStatus",
    "WebhookWithSecret",
)
