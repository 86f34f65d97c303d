"""Contains all the data models used in inputs/outputs"""

from .empty import Empty
from .error_item import ErrorItem
from .introspection import Introspection
from .introspection_request import IntrospectionRequest
from .json_web_key_set import JsonWebKeySet
from .json_web_key_set_keys_item import JsonWebKeySetKeysItem
from .o_auth_error import OAuthError
from .problem import Problem
from .refresh_request import RefreshRequest
from .refresh_request_grant_type import RefreshRequestGrantType
from .revocation_request import RevocationRequest
from .server_metadata import ServerMetadata
from .token_request import TokenRequest
from .token_response import TokenResponse
from .token_response_token_type import TokenResponseTokenType
from .user_info import UserInfo

__all__ = (
    "Empty",
    "ErrorItem",
    "Introspection",
    "IntrospectionRequest",
    "JsonWebKeySet",
    "JsonWebKeySetKeysItem",
    "OAuthError",
    "Problem",
    "RefreshRequest",
    "RefreshRequestGrantType",
    "RevocationRequest",
    "ServerMetadata",
    "TokenRequest",
    "TokenResponse",
    "TokenResponseTokenType",
    "UserInfo",
)
