"""A client library for accessing Charter Ingestion API"""

from .client import AuthenticatedClient, Client
from .errors import ApiError

__all__ = (
    "ApiError",
    "AuthenticatedClient",
    "Client",
)
