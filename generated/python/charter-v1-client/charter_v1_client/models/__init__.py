"""Contains all the data models used in inputs/outputs"""

from .api_key import ApiKey
from .api_key_create import ApiKeyCreate
from .api_key_create_mode import ApiKeyCreateMode
from .api_key_envelope import ApiKeyEnvelope
from .api_key_mode import ApiKeyMode
from .api_key_page import ApiKeyPage
from .api_key_patch import ApiKeyPatch
from .api_key_prefix import ApiKeyPrefix
from .api_key_replace import ApiKeyReplace
from .api_key_roll import ApiKeyRoll
from .api_key_secret_envelope import ApiKeySecretEnvelope
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
from .create_data_body import CreateDataBody
from .created_organization_envelope import CreatedOrganizationEnvelope
from .created_organization_envelope_data import CreatedOrganizationEnvelopeData
from .data_envelope import DataEnvelope
from .data_page import DataPage
from .dependency_check import DependencyCheck
from .dependency_check_status import DependencyCheckStatus
from .error_item import ErrorItem
from .health import Health
from .health_api_status import HealthApiStatus
from .health_status import HealthStatus
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
from .o_auth_client import OAuthClient
from .o_auth_client_client_type import OAuthClientClientType
from .o_auth_client_create import OAuthClientCreate
from .o_auth_client_create_client_type import OAuthClientCreateClientType
from .o_auth_client_create_grant_types_item import OAuthClientCreateGrantTypesItem
from .o_auth_client_create_scopes_item_type_1 import OAuthClientCreateScopesItemType1
from .o_auth_client_envelope import OAuthClientEnvelope
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
from .o_auth_grant_page import OAuthGrantPage
from .organization import Organization
from .organization_create import OrganizationCreate
from .organization_create_admin import OrganizationCreateAdmin
from .organization_envelope import OrganizationEnvelope
from .organization_page import OrganizationPage
from .organization_patch import OrganizationPatch
from .organization_replace import OrganizationReplace
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
from .record_data import RecordData
from .record_metadata import RecordMetadata
from .replace_data_body import ReplaceDataBody
from .role import Role
from .scope import Scope
from .totp_confirmation_envelope import TotpConfirmationEnvelope
from .totp_confirmation_envelope_data import TotpConfirmationEnvelopeData
from .totp_enrollment_envelope import TotpEnrollmentEnvelope
from .totp_enrollment_envelope_data import TotpEnrollmentEnvelopeData
from .totp_state_envelope import TotpStateEnvelope
from .totp_state_envelope_data import TotpStateEnvelopeData
from .update_data_json_body import UpdateDataJsonBody
from .user import User
from .user_batch import UserBatch
from .user_batch_item import UserBatchItem
from .user_batch_result import UserBatchResult
from .user_create import UserCreate
from .user_envelope import UserEnvelope
from .user_page import UserPage
from .user_patch import UserPatch
from .user_replace import UserReplace
from .user_status import UserStatus
from .v1_error import V1Error
from .v1_error_error import V1ErrorError
from .verify_request import VerifyRequest
from .verify_request_method import VerifyRequestMethod
from .verify_result import VerifyResult

__all__ = (
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyCreateMode",
    "ApiKeyEnvelope",
    "ApiKeyMode",
    "ApiKeyPage",
    "ApiKeyPatch",
    "ApiKeyPrefix",
    "ApiKeyReplace",
    "ApiKeyRoll",
    "ApiKeySecretEnvelope",
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
    "CreateDataBody",
    "CreatedOrganizationEnvelope",
    "CreatedOrganizationEnvelopeData",
    "DataEnvelope",
    "DataPage",
    "DependencyCheck",
    "DependencyCheckStatus",
    "ErrorItem",
    "Health",
    "HealthApiStatus",
    "HealthStatus",
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
    "OAuthClient",
    "OAuthClientClientType",
    "OAuthClientCreate",
    "OAuthClientCreateClientType",
    "OAuthClientCreateGrantTypesItem",
    "OAuthClientCreateScopesItemType1",
    "OAuthClientEnvelope",
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
    "OAuthGrantPage",
    "Organization",
    "OrganizationCreate",
    "OrganizationCreateAdmin",
    "OrganizationEnvelope",
    "OrganizationPage",
    "OrganizationPatch",
    "OrganizationReplace",
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
    "RecordData",
    "RecordMetadata",
    "ReplaceDataBody",
    "Role",
    "Scope",
    "TotpConfirmationEnvelope",
    "TotpConfirmationEnvelopeData",
    "TotpEnrollmentEnvelope",
    "TotpEnrollmentEnvelopeData",
    "TotpStateEnvelope",
    "TotpStateEnvelopeData",
    "UpdateDataJsonBody",
    "User",
    "UserBatch",
    "UserBatchItem",
    "UserBatchResult",
    "UserCreate",
    "UserEnvelope",
    "UserPage",
    "UserPatch",
    "UserReplace",
    "UserStatus",
    "V1Error",
    "V1ErrorError",
    "VerifyRequest",
    "VerifyRequestMethod",
    "VerifyResult",
)
