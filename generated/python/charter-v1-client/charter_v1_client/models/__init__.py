"""Contains all the data models used in inputs/outputs"""

from .api_key import ApiKey
from .api_key_create import ApiKeyCreate
from .api_key_create_mode import ApiKeyCreateMode
from .api_key_created_event import ApiKeyCreatedEvent
from .api_key_created_event_event import ApiKeyCreatedEventEvent
from .api_key_envelope import ApiKeyEnvelope
from .api_key_event_data import ApiKeyEventData
from .api_key_mode import ApiKeyMode
from .api_key_page import ApiKeyPage
from .api_key_patch import ApiKeyPatch
from .api_key_prefix import ApiKeyPrefix
from .api_key_replace import ApiKeyReplace
from .api_key_revoked_event import ApiKeyRevokedEvent
from .api_key_revoked_event_event import ApiKeyRevokedEventEvent
from .api_key_roll import ApiKeyRoll
from .api_key_rolled_event import ApiKeyRolledEvent
from .api_key_rolled_event_event import ApiKeyRolledEventEvent
from .api_key_secret_envelope import ApiKeySecretEnvelope
from .api_key_updated_event import ApiKeyUpdatedEvent
from .api_key_updated_event_event import ApiKeyUpdatedEventEvent
from .api_key_with_secret import ApiKeyWithSecret
from .audit_event import AuditEvent
from .audit_event_actor import AuditEventActor
from .audit_event_actor_type import AuditEventActorType
from .audit_event_details import AuditEventDetails
from .audit_event_envelope import AuditEventEnvelope
from .audit_event_page import AuditEventPage
from .audit_event_resource import AuditEventResource
from .batch_item_error import BatchItemError
from .code_request import CodeRequest
from .collection_declared_event import CollectionDeclaredEvent
from .collection_declared_event_event import CollectionDeclaredEventEvent
from .collection_deleted_event import CollectionDeletedEvent
from .collection_deleted_event_event import CollectionDeletedEventEvent
from .collection_event_data import CollectionEventData
from .create_data_body import CreateDataBody
from .created_organization_envelope import CreatedOrganizationEnvelope
from .created_organization_envelope_data import CreatedOrganizationEnvelopeData
from .data_envelope import DataEnvelope
from .data_page import DataPage
from .dependency_check import DependencyCheck
from .dependency_check_status import DependencyCheckStatus
from .error_item import ErrorItem
from .file_created_event import FileCreatedEvent
from .file_created_event_event import FileCreatedEventEvent
from .file_deleted_event import FileDeletedEvent
from .file_deleted_event_event import FileDeletedEventEvent
from .file_event_data import FileEventData
from .file_shared_event import FileSharedEvent
from .file_shared_event_event import FileSharedEventEvent
from .health import Health
from .health_api_status import HealthApiStatus
from .health_status import HealthStatus
from .ingestion_completed_event import IngestionCompletedEvent
from .ingestion_completed_event_event import IngestionCompletedEventEvent
from .ingestion_event_data import IngestionEventData
from .ingestion_failed_event import IngestionFailedEvent
from .ingestion_failed_event_event import IngestionFailedEventEvent
from .list_audit_events_order import ListAuditEventsOrder
from .list_audit_events_sort import ListAuditEventsSort
from .list_data_count import ListDataCount
from .list_data_order import ListDataOrder
from .list_keys_mode import ListKeysMode
from .list_keys_order import ListKeysOrder
from .list_keys_sort import ListKeysSort
from .list_keys_status import ListKeysStatus
from .list_organizations_order import ListOrganizationsOrder
from .list_organizations_sort import ListOrganizationsSort
from .list_users_order import ListUsersOrder
from .list_users_sort import ListUsersSort
from .list_webhook_deliveries_status import ListWebhookDeliveriesStatus
from .o_auth_client import OAuthClient
from .o_auth_client_client_type import OAuthClientClientType
from .o_auth_client_create import OAuthClientCreate
from .o_auth_client_create_client_type import OAuthClientCreateClientType
from .o_auth_client_create_grant_types_item import OAuthClientCreateGrantTypesItem
from .o_auth_client_create_scopes_item_type_1 import OAuthClientCreateScopesItemType1
from .o_auth_client_created_event import OAuthClientCreatedEvent
from .o_auth_client_created_event_event import OAuthClientCreatedEventEvent
from .o_auth_client_envelope import OAuthClientEnvelope
from .o_auth_client_event_data import OAuthClientEventData
from .o_auth_client_grant_types_item import OAuthClientGrantTypesItem
from .o_auth_client_mode import OAuthClientMode
from .o_auth_client_page import OAuthClientPage
from .o_auth_client_patch import OAuthClientPatch
from .o_auth_client_patch_grant_types_item import OAuthClientPatchGrantTypesItem
from .o_auth_client_patch_scopes_item_type_1 import OAuthClientPatchScopesItemType1
from .o_auth_client_secret_envelope import OAuthClientSecretEnvelope
from .o_auth_client_secret_rotate import OAuthClientSecretRotate
from .o_auth_client_token_endpoint_auth_method import OAuthClientTokenEndpointAuthMethod
from .o_auth_client_with_secret import OAuthClientWithSecret
from .o_auth_grant import OAuthGrant
from .o_auth_grant_created_event import OAuthGrantCreatedEvent
from .o_auth_grant_created_event_event import OAuthGrantCreatedEventEvent
from .o_auth_grant_event_data import OAuthGrantEventData
from .o_auth_grant_page import OAuthGrantPage
from .o_auth_grant_revoked_event import OAuthGrantRevokedEvent
from .o_auth_grant_revoked_event_event import OAuthGrantRevokedEventEvent
from .organization import Organization
from .organization_create import OrganizationCreate
from .organization_create_admin import OrganizationCreateAdmin
from .organization_created_event import OrganizationCreatedEvent
from .organization_created_event_event import OrganizationCreatedEventEvent
from .organization_deleted_event import OrganizationDeletedEvent
from .organization_deleted_event_event import OrganizationDeletedEventEvent
from .organization_envelope import OrganizationEnvelope
from .organization_event_data import OrganizationEventData
from .organization_event_data_organization import OrganizationEventDataOrganization
from .organization_page import OrganizationPage
from .organization_patch import OrganizationPatch
from .organization_replace import OrganizationReplace
from .organization_updated_event import OrganizationUpdatedEvent
from .organization_updated_event_event import OrganizationUpdatedEventEvent
from .otp_send_request import OtpSendRequest
from .otp_send_request_method import OtpSendRequestMethod
from .otp_sent import OtpSent
from .otp_sent_method import OtpSentMethod
from .plan_name import PlanName
from .problem import Problem
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_status import ReadinessStatus
from .record import Record
from .record_created_event import RecordCreatedEvent
from .record_created_event_event import RecordCreatedEventEvent
from .record_data import RecordData
from .record_deleted_event import RecordDeletedEvent
from .record_deleted_event_event import RecordDeletedEventEvent
from .record_event_data import RecordEventData
from .record_event_data_changes import RecordEventDataChanges
from .record_event_data_reason import RecordEventDataReason
from .record_metadata import RecordMetadata
from .record_updated_event import RecordUpdatedEvent
from .record_updated_event_event import RecordUpdatedEventEvent
from .replace_data_body import ReplaceDataBody
from .report_event_data import ReportEventData
from .report_generated_event import ReportGeneratedEvent
from .report_generated_event_event import ReportGeneratedEventEvent
from .role import Role
from .scope import Scope
from .secret_rotation import SecretRotation
from .totp_confirmation_envelope import TotpConfirmationEnvelope
from .totp_confirmation_envelope_data import TotpConfirmationEnvelopeData
from .totp_enrollment_envelope import TotpEnrollmentEnvelope
from .totp_enrollment_envelope_data import TotpEnrollmentEnvelopeData
from .totp_state_envelope import TotpStateEnvelope
from .totp_state_envelope_data import TotpStateEnvelopeData
from .update_data_json_body import UpdateDataJsonBody
from .user import User
from .user_authenticated_event import UserAuthenticatedEvent
from .user_authenticated_event_event import UserAuthenticatedEventEvent
from .user_batch import UserBatch
from .user_batch_item import UserBatchItem
from .user_batch_result import UserBatchResult
from .user_create import UserCreate
from .user_created_event import UserCreatedEvent
from .user_created_event_event import UserCreatedEventEvent
from .user_deleted_event import UserDeletedEvent
from .user_deleted_event_event import UserDeletedEventEvent
from .user_envelope import UserEnvelope
from .user_event_data import UserEventData
from .user_login_failed_event import UserLoginFailedEvent
from .user_login_failed_event_event import UserLoginFailedEventEvent
from .user_mfa_failed_event import UserMfaFailedEvent
from .user_mfa_failed_event_event import UserMfaFailedEventEvent
from .user_page import UserPage
from .user_patch import UserPatch
from .user_replace import UserReplace
from .user_status import UserStatus
from .user_unlocked_event import UserUnlockedEvent
from .user_unlocked_event_event import UserUnlockedEventEvent
from .user_updated_event import UserUpdatedEvent
from .user_updated_event_event import UserUpdatedEventEvent
from .v1_error import V1Error
from .v1_error_error import V1ErrorError
from .v1_webhook_delivery_envelope import V1WebhookDeliveryEnvelope
from .v1_webhook_delivery_page import V1WebhookDeliveryPage
from .v1_webhook_envelope import V1WebhookEnvelope
from .v1_webhook_page import V1WebhookPage
from .v1_webhook_secret_envelope import V1WebhookSecretEnvelope
from .verify_request import VerifyRequest
from .verify_request_method import VerifyRequestMethod
from .verify_result import VerifyResult
from .webhook import Webhook
from .webhook_attempt import WebhookAttempt
from .webhook_changes import WebhookChanges
from .webhook_changes_events_item import WebhookChangesEventsItem
from .webhook_changes_status import WebhookChangesStatus
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_disabled_event import WebhookDisabledEvent
from .webhook_disabled_event_event import WebhookDisabledEventEvent
from .webhook_disabled_reason_type_1 import WebhookDisabledReasonType1
from .webhook_disabled_reason_type_2_type_1 import WebhookDisabledReasonType2Type1
from .webhook_disabled_reason_type_3_type_1 import WebhookDisabledReasonType3Type1
from .webhook_event_data import WebhookEventData
from .webhook_event_data_reason import WebhookEventDataReason
from .webhook_ping_event import WebhookPingEvent
from .webhook_ping_event_event import WebhookPingEventEvent
from .webhook_request import WebhookRequest
from .webhook_request_events_item import WebhookRequestEventsItem
from .webhook_status import WebhookStatus
from .webhook_with_secret import WebhookWithSecret

__all__ = (
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyCreatedEvent",
    "ApiKeyCreatedEventEvent",
    "ApiKeyCreateMode",
    "ApiKeyEnvelope",
    "ApiKeyEventData",
    "ApiKeyMode",
    "ApiKeyPage",
    "ApiKeyPatch",
    "ApiKeyPrefix",
    "ApiKeyReplace",
    "ApiKeyRevokedEvent",
    "ApiKeyRevokedEventEvent",
    "ApiKeyRoll",
    "ApiKeyRolledEvent",
    "ApiKeyRolledEventEvent",
    "ApiKeySecretEnvelope",
    "ApiKeyUpdatedEvent",
    "ApiKeyUpdatedEventEvent",
    "ApiKeyWithSecret",
    "AuditEvent",
    "AuditEventActor",
    "AuditEventActorType",
    "AuditEventDetails",
    "AuditEventEnvelope",
    "AuditEventPage",
    "AuditEventResource",
    "BatchItemError",
    "CodeRequest",
    "CollectionDeclaredEvent",
    "CollectionDeclaredEventEvent",
    "CollectionDeletedEvent",
    "CollectionDeletedEventEvent",
    "CollectionEventData",
    "CreateDataBody",
    "CreatedOrganizationEnvelope",
    "CreatedOrganizationEnvelopeData",
    "DataEnvelope",
    "DataPage",
    "DependencyCheck",
    "DependencyCheckStatus",
    "ErrorItem",
    "FileCreatedEvent",
    "FileCreatedEventEvent",
    "FileDeletedEvent",
    "FileDeletedEventEvent",
    "FileEventData",
    "FileSharedEvent",
    "FileSharedEventEvent",
    "Health",
    "HealthApiStatus",
    "HealthStatus",
    "IngestionCompletedEvent",
    "IngestionCompletedEventEvent",
    "IngestionEventData",
    "IngestionFailedEvent",
    "IngestionFailedEventEvent",
    "ListAuditEventsOrder",
    "ListAuditEventsSort",
    "ListDataCount",
    "ListDataOrder",
    "ListKeysMode",
    "ListKeysOrder",
    "ListKeysSort",
    "ListKeysStatus",
    "ListOrganizationsOrder",
    "ListOrganizationsSort",
    "ListUsersOrder",
    "ListUsersSort",
    "ListWebhookDeliveriesStatus",
    "OAuthClient",
    "OAuthClientClientType",
    "OAuthClientCreate",
    "OAuthClientCreateClientType",
    "OAuthClientCreatedEvent",
    "OAuthClientCreatedEventEvent",
    "OAuthClientCreateGrantTypesItem",
    "OAuthClientCreateScopesItemType1",
    "OAuthClientEnvelope",
    "OAuthClientEventData",
    "OAuthClientGrantTypesItem",
    "OAuthClientMode",
    "OAuthClientPage",
    "OAuthClientPatch",
    "OAuthClientPatchGrantTypesItem",
    "OAuthClientPatchScopesItemType1",
    "OAuthClientSecretEnvelope",
    "OAuthClientSecretRotate",
    "OAuthClientTokenEndpointAuthMethod",
    "OAuthClientWithSecret",
    "OAuthGrant",
    "OAuthGrantCreatedEvent",
    "OAuthGrantCreatedEventEvent",
    "OAuthGrantEventData",
    "OAuthGrantPage",
    "OAuthGrantRevokedEvent",
    "OAuthGrantRevokedEventEvent",
    "Organization",
    "OrganizationCreate",
    "OrganizationCreateAdmin",
    "OrganizationCreatedEvent",
    "OrganizationCreatedEventEvent",
    "OrganizationDeletedEvent",
    "OrganizationDeletedEventEvent",
    "OrganizationEnvelope",
    "OrganizationEventData",
    "OrganizationEventDataOrganization",
    "OrganizationPage",
    "OrganizationPatch",
    "OrganizationReplace",
    "OrganizationUpdatedEvent",
    "OrganizationUpdatedEventEvent",
    "OtpSendRequest",
    "OtpSendRequestMethod",
    "OtpSent",
    "OtpSentMethod",
    "PlanName",
    "Problem",
    "Readiness",
    "ReadinessChecks",
    "ReadinessStatus",
    "Record",
    "RecordCreatedEvent",
    "RecordCreatedEventEvent",
    "RecordData",
    "RecordDeletedEvent",
    "RecordDeletedEventEvent",
    "RecordEventData",
    "RecordEventDataChanges",
    "RecordEventDataReason",
    "RecordMetadata",
    "RecordUpdatedEvent",
    "RecordUpdatedEventEvent",
    "ReplaceDataBody",
    "ReportEventData",
    "ReportGeneratedEvent",
    "ReportGeneratedEventEvent",
    "Role",
    "Scope",
    "SecretRotation",
    "TotpConfirmationEnvelope",
    "TotpConfirmationEnvelopeData",
    "TotpEnrollmentEnvelope",
    "TotpEnrollmentEnvelopeData",
    "TotpStateEnvelope",
    "TotpStateEnvelopeData",
    "UpdateDataJsonBody",
    "User",
    "UserAuthenticatedEvent",
    "UserAuthenticatedEventEvent",
    "UserBatch",
    "UserBatchItem",
    "UserBatchResult",
    "UserCreate",
    "UserCreatedEvent",
    "UserCreatedEventEvent",
    "UserDeletedEvent",
    "UserDeletedEventEvent",
    "UserEnvelope",
    "UserEventData",
    "UserLoginFailedEvent",
    "UserLoginFailedEventEvent",
    "UserMfaFailedEvent",
    "UserMfaFailedEventEvent",
    "UserPage",
    "UserPatch",
    "UserReplace",
    "UserStatus",
    "UserUnlockedEvent",
    "UserUnlockedEventEvent",
    "UserUpdatedEvent",
    "UserUpdatedEventEvent",
    "V1Error",
    "V1ErrorError",
    "V1WebhookDeliveryEnvelope",
    "V1WebhookDeliveryPage",
    "V1WebhookEnvelope",
    "V1WebhookPage",
    "V1WebhookSecretEnvelope",
    "VerifyRequest",
    "VerifyRequestMethod",
    "VerifyResult",
    "Webhook",
    "WebhookAttempt",
    "WebhookChanges",
    "WebhookChangesEventsItem",
    "WebhookChangesStatus",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookDisabledEvent",
    "WebhookDisabledEventEvent",
    "WebhookDisabledReasonType1",
    "WebhookDisabledReasonType2Type1",
    "WebhookDisabledReasonType3Type1",
    "WebhookEventData",
    "WebhookEventDataReason",
    "WebhookPingEvent",
    "WebhookPingEventEvent",
    "WebhookRequest",
    "WebhookRequestEventsItem",
    "WebhookStatus",
    "WebhookWithSecret",
)
