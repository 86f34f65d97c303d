from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.o_auth_client_client_type import OAuthClientClientType
from ..models.o_auth_client_grant_types_item import OAuthClientGrantTypesItem
from ..models.o_auth_client_mode import OAuthClientMode
from ..models.o_auth_client_token_endpoint_auth_method import OAuthClientTokenEndpointAuthMethod

T = TypeVar("T", bound="OAuthClient")


@_attrs_define
class OAuthClient:
    """
    Example:
        {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential', 'created_at': '2026-01-01T00:00:00Z',
            'grant_types': ['authorization_code', 'refresh_token'], 'id': 'cli_4eC39HqLyjWDarjt', 'mode': 'live', 'name':
            'Reporting dashboard', 'previous_secret_expires_at': None, 'redirect_uri': 'https://app.example.com/callback',
            'redirect_uris': ['https://app.example.com/callback'], 'scopes': ['openid', 'users:read'], 'secret_last4':
            'x9Qz', 'token_endpoint_auth_method': 'client_secret_basic', 'updated_at': '2026-01-01T00:00:00Z'}

    Attributes:
        client_id (str): Seed 004's `client_id` (the same as `id`).
        client_type (OAuthClientClientType):
        created_at (datetime.datetime):
        grant_types (list[OAuthClientGrantTypesItem]):
        id (str):
        mode (OAuthClientMode):
        name (str):
        previous_secret_expires_at (datetime.datetime | None): Until when the secret before the last rotation still
            works.
        redirect_uri (None | str): Seed 004's single redirect URI: the first of `redirect_uris`.
        redirect_uris (list[str]):
        scopes (list[str]):
        secret_last4 (None | str): Last four characters of the secret, for recognition.
        token_endpoint_auth_method (OAuthClientTokenEndpointAuthMethod): `client_secret_post` is accepted too.
        updated_at (datetime.datetime):
    """

    client_id: str
    client_type: OAuthClientClientType
    created_at: datetime.datetime
    grant_types: list[OAuthClientGrantTypesItem]
    id: str
    mode: OAuthClientMode
    name: str
    previous_secret_expires_at: datetime.datetime | None
    redirect_uri: None | str
    redirect_uris: list[str]
    scopes: list[str]
    secret_last4: None | str
    token_endpoint_auth_method: OAuthClientTokenEndpointAuthMethod
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_type = self.client_type.value

        created_at = self.created_at.isoformat()

        grant_types = []
        for grant_types_item_data in self.grant_types:
            grant_types_item = grant_types_item_data.value
            grant_types.append(grant_types_item)

        id = self.id

        mode = self.mode.value

        name = self.name

        previous_secret_expires_at: None | str
        if isinstance(self.previous_secret_expires_at, datetime.datetime):
            previous_secret_expires_at = self.previous_secret_expires_at.isoformat()
        else:
            previous_secret_expires_at = self.previous_secret_expires_at

        redirect_uri: None | str
        redirect_uri = self.redirect_uri

        redirect_uris = self.redirect_uris

        scopes = self.scopes

        secret_last4: None | str
        secret_last4 = self.secret_last4

        token_endpoint_auth_method = self.token_endpoint_auth_method.value

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "client_type": client_type,
                "created_at": created_at,
                "grant_types": grant_types,
                "id": id,
                "mode": mode,
                "name": name,
                "previous_secret_expires_at": previous_secret_expires_at,
                "redirect_uri": redirect_uri,
                "redirect_uris": redirect_uris,
                "scopes": scopes,
                "secret_last4": secret_last4,
                "token_endpoint_auth_method": token_endpoint_auth_method,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        client_type = OAuthClientClientType(d.pop("client_type"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        grant_types = []
        _grant_types = d.pop("grant_types")
        for grant_types_item_data in _grant_types:
            grant_types_item = OAuthClientGrantTypesItem(grant_types_item_data)

            grant_types.append(grant_types_item)

        id = d.pop("id")

        mode = OAuthClientMode(d.pop("mode"))

        name = d.pop("name")

        def _parse_previous_secret_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_secret_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return previous_secret_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_secret_expires_at = _parse_previous_secret_expires_at(d.pop("previous_secret_expires_at"))

        def _parse_redirect_uri(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        redirect_uri = _parse_redirect_uri(d.pop("redirect_uri"))

        redirect_uris = cast(list[str], d.pop("redirect_uris"))

        scopes = cast(list[str], d.pop("scopes"))

        def _parse_secret_last4(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        secret_last4 = _parse_secret_last4(d.pop("secret_last4"))

        token_endpoint_auth_method = OAuthClientTokenEndpointAuthMethod(d.pop("token_endpoint_auth_method"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        o_auth_client = cls(
            client_id=client_id,
            client_type=client_type,
            created_at=created_at,
            grant_types=grant_types,
            id=id,
            mode=mode,
            name=name,
            previous_secret_expires_at=previous_secret_expires_at,
            redirect_uri=redirect_uri,
            redirect_uris=redirect_uris,
            scopes=scopes,
            secret_last4=secret_last4,
            token_endpoint_auth_method=token_endpoint_auth_method,
            updated_at=updated_at,
        )

        o_auth_client.additional_properties = d
        return o_auth_client

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
