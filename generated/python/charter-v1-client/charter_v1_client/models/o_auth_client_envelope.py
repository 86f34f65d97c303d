from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.o_auth_client import OAuthClient


T = TypeVar("T", bound="OAuthClientEnvelope")


@_attrs_define
class OAuthClientEnvelope:
    """
    Example:
        {'data': {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential', 'created_at':
            '2026-01-01T00:00:00Z', 'grant_types': ['authorization_code', 'refresh_token'], 'id': 'cli_4eC39HqLyjWDarjt',
            'mode': 'live', 'name': 'Reporting dashboard', 'previous_secret_expires_at': None, 'redirect_uri':
            'https://app.example.com/callback', 'redirect_uris': ['https://app.example.com/callback'], 'scopes': ['openid',
            'users:read'], 'secret_last4': 'x9Qz', 'token_endpoint_auth_method': 'client_secret_basic', 'updated_at':
            '2026-01-01T00:00:00Z'}}

    Attributes:
        data (OAuthClient):  Example: {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential', 'created_at':
            '2026-01-01T00:00:00Z', 'grant_types': ['authorization_code', 'refresh_token'], 'id': 'cli_4eC39HqLyjWDarjt',
            'mode': 'live', 'name': 'Reporting dashboard', 'previous_secret_expires_at': None, 'redirect_uri':
            'https://app.example.com/callback', 'redirect_uris': ['https://app.example.com/callback'], 'scopes': ['openid',
            'users:read'], 'secret_last4': 'x9Qz', 'token_endpoint_auth_method': 'client_secret_basic', 'updated_at':
            '2026-01-01T00:00:00Z'}.
    """

    data: OAuthClient
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.o_auth_client import OAuthClient  # noqa: PLC0415

        d = dict(src_dict)
        data = OAuthClient.from_dict(d.pop("data"))

        o_auth_client_envelope = cls(
            data=data,
        )

        o_auth_client_envelope.additional_properties = d
        return o_auth_client_envelope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
