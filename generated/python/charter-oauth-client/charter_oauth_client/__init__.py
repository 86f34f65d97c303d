"""A client library for accessing Charter OAuth 2.0 Authorization Server"""

from .client import AuthenticatedClient, Client
from .errors import ApiError

__all__ = (
    "ApiError",
    "AuthenticatedClient",
    "Client",
)
