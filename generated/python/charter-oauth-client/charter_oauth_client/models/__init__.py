"""Contains all the data models used in inputs/outputs"""

from .error_item import ErrorItem
from .o_auth_error import OAuthError
from .problem import Problem
from .server_metadata import ServerMetadata

__all__ = (
    "ErrorItem",
    "OAuthError",
    "Problem",
    "ServerMetadata",
)
