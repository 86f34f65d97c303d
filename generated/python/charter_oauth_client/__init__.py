
""" A client library for accessing Charter OAuth 2.0 Authorization Server """
from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
