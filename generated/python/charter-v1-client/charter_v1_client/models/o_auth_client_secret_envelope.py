from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.o_auth_client_with_secret import OAuthClientWithSecret


T = TypeVar("T", bound="OAuthClientSecretEnvelope")


@_attrs_define
class OAuthClientSecretEnvelope:
    """The client in `data`, and seed 004's `client_id`, `client_secret` and `redirect_uri` beside it.

    Example:
        {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_secret': 'cs_Yk2o6M0dQ1cB7f3pW9sLr5nT8vXaZeGhJ4uK0iN1x9Qz',
            'data': {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_secret':
            'cs_Yk2o6M0dQ1cB7f3pW9sLr5nT8vXaZeGhJ4uK0iN1x9Qz', 'client_type': 'confidential', 'created_at':
            '2026-01-01T00:00:00Z', 'grant_types': ['authorization_code', 'refresh_token'], 'id': 'cli_4eC39HqLyjWDarjt',
            'mode': 'live', 'name': 'Reporting dashboard', 'previous_secret_expires_at': None, 'redirect_uri':
            'https://app.example.com/callback', 'redirect_uris': ['https://app.example.com/callback'], 'scopes': ['openid',
            'users:read'], 'secret_last4': 'x9Qz', 'token_endpoint_auth_method': 'client_secret_basic', 'updated_at':
            '2026-01-01T00:00:00Z'}, 'redirect_uri': 'https://app.example.com/callback'}

    Attributes:
        client_id (str):
        client_secret (None | str):
        data (OAuthClientWithSecret):
        redirect_uri (None | str):
    """

    client_id: str
    client_secret: None | str
    data: OAuthClientWithSecret
    redirect_uri: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_secret: None | str
        client_secret = self.client_secret

        data = self.data.to_dict()

        redirect_uri: None | str
        redirect_uri = self.redirect_uri

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "client_secret": client_secret,
                "data": data,
                "redirect_uri": redirect_uri,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.o_auth_client_with_secret import OAuthClientWithSecret  # noqa: PLC0415

        d = dict(src_dict)
        client_id = d.pop("client_id")

        def _parse_client_secret(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_secret = _parse_client_secret(d.pop("client_secret"))

        data = OAuthClientWithSecret.from_dict(d.pop("data"))

        def _parse_redirect_uri(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        redirect_uri = _parse_redirect_uri(d.pop("redirect_uri"))

        o_auth_client_secret_envelope = cls(
            client_id=client_id,
            client_secret=client_secret,
            data=data,
            redirect_uri=redirect_uri,
        )

        o_auth_client_secret_envelope.additional_properties = d
        return o_auth_client_secret_envelope

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
