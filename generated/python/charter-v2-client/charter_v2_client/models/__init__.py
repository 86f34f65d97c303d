"""Contains all the data models used in inputs/outputs"""

from .api_key_request import ApiKeyRequest
from .batch_record import BatchRecord
from .collection import Collection
from .collection_declaration import CollectionDeclaration
from .collection_declaration_schema_type_0 import CollectionDeclarationSchemaType0
from .collection_page import CollectionPage
from .collection_page_pagination import CollectionPagePagination
from .collection_schema_type_0 import CollectionSchemaType0
from .created_api_key import CreatedApiKey
from .error_item import ErrorItem
from .health import Health
from .health_api_status import HealthApiStatus
from .health_status import HealthStatus
from .list_records_count import ListRecordsCount
from .list_records_order import ListRecordsOrder
from .login_request import LoginRequest
from .problem import Problem
from .record import Record
from .record_batch import RecordBatch
from .record_batch_delete import RecordBatchDelete
from .record_batch_delete_result import RecordBatchDeleteResult
from .record_batch_item_error import RecordBatchItemError
from .record_batch_item_error_error import RecordBatchItemErrorError
from .record_batch_result import RecordBatchResult
from .record_data import RecordData
from .record_metadata import RecordMetadata
from .record_page import RecordPage
from .record_page_pagination import RecordPagePagination
from .record_patch import RecordPatch
from .record_patch_data import RecordPatchData
from .record_patch_metadata import RecordPatchMetadata
from .record_write import RecordWrite
from .record_write_data import RecordWriteData
from .record_write_metadata import RecordWriteMetadata
from .refresh_request import RefreshRequest
from .role import Role
from .scope import Scope
from .token_response import TokenResponse
from .token_response_token_type import TokenResponseTokenType
from .token_user import TokenUser
from .v2_error import V2Error
from .v2_error_error import V2ErrorError
from .v2_error_error_details import V2ErrorErrorDetails

__all__ = (
    "ApiKeyRequest",
    "BatchRecord",
    "Collection",
    "CollectionDeclaration",
    "CollectionDeclarationSchemaType0",
    "CollectionPage",
    "CollectionPagePagination",
    "CollectionSchemaType0",
    "CreatedApiKey",
    "ErrorItem",
    "Health",
    "HealthApiStatus",
    "HealthStatus",
    "ListRecordsCount",
    "ListRecordsOrder",
    "LoginRequest",
    "Problem",
    "Record",
    "RecordBatch",
    "RecordBatchDelete",
    "RecordBatchDeleteResult",
    "RecordBatchItemError",
    "RecordBatchItemErrorError",
    "RecordBatchResult",
    "RecordData",
    "RecordMetadata",
    "RecordPage",
    "RecordPagePagination",
    "RecordPatch",
    "RecordPatchData",
    "RecordPatchMetadata",
    "RecordWrite",
    "RecordWriteData",
    "RecordWriteMetadata",
    "RefreshRequest",
    "Role",
    "Scope",
    "TokenResponse",
    "TokenResponseTokenType",
    "TokenUser",
    "V2Error",
    "V2ErrorError",
    "V2ErrorErrorDetails",
)
