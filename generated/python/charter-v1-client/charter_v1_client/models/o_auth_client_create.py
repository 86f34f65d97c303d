from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.o_auth_client_create_client_type import OAuthClientCreateClientType
from ..models.o_auth_client_create_grant_types_item import OAuthClientCreateGrantTypesItem
from ..models.o_auth_client_create_scopes_item_type_1 import OAuthClientCreateScopesItemType1
from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthClientCreate")


@_attrs_define
class OAuthClientCreate:
    """
    Example:
        {'grant_types': ['authorization_code', 'refresh_token'], 'name': 'Reporting dashboard', 'redirect_uris':
            ['https://app.example.com/callback'], 'scopes': ['openid', 'users:read']}

    Attributes:
        name (str):
        scopes (list[OAuthClientCreateScopesItemType1 | Scope]): What the client may ask for, from the scope catalog and
            OpenID Connect's.
        client_type (OAuthClientCreateClientType | Unset):  Default: OAuthClientCreateClientType.CONFIDENTIAL.
        grant_types (list[OAuthClientCreateGrantTypesItem] | Unset):
        redirect_uri (str | Unset): Seed 004's single redirect URI (added to `redirect_uris`).
        redirect_uris (list[str] | Unset):
    """

    name: str
    scopes: list[OAuthClientCreateScopesItemType1 | Scope]
    client_type: OAuthClientCreateClientType | Unset = OAuthClientCreateClientType.CONFIDENTIAL
    grant_types: list[OAuthClientCreateGrantTypesItem] | Unset = UNSET
    redirect_uri: str | Unset = UNSET
    redirect_uris: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        scopes = []
        for scopes_item_data in self.scopes:
            scopes_item: str
            if isinstance(scopes_item_data, Scope):
                scopes_item = scopes_item_data.value
            else:
                scopes_item = scopes_item_data.value

            scopes.append(scopes_item)

        client_type: str | Unset = UNSET
        if not isinstance(self.client_type, Unset):
            client_type = self.client_type.value

        grant_types: list[str] | Unset = UNSET
        if not isinstance(self.grant_types, Unset):
            grant_types = []
            for grant_types_item_data in self.grant_types:
                grant_types_item = grant_types_item_data.value
                grant_types.append(grant_types_item)

        redirect_uri = self.redirect_uri

        redirect_uris: list[str] | Unset = UNSET
        if not isinstance(self.redirect_uris, Unset):
            redirect_uris = self.redirect_uris

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "scopes": scopes,
            }
        )
        if client_type is not UNSET:
            field_dict["client_type"] = client_type
        if grant_types is not UNSET:
            field_dict["grant_types"] = grant_types
        if redirect_uri is not UNSET:
            field_dict["redirect_uri"] = redirect_uri
        if redirect_uris is not UNSET:
            field_dict["redirect_uris"] = redirect_uris

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        scopes = []
        _scopes = d.pop("scopes")
        for scopes_item_data in _scopes:

            def _parse_scopes_item(data: object) -> OAuthClientCreateScopesItemType1 | Scope:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    scopes_item_type_0 = Scope(data)

                    return scopes_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, str):
                    raise TypeError()
                scopes_item_type_1 = OAuthClientCreateScopesItemType1(data)

                return scopes_item_type_1

            scopes_item = _parse_scopes_item(scopes_item_data)

            scopes.append(scopes_item)

        _client_type = d.pop("client_type", UNSET)
        client_type: OAuthClientCreateClientType | Unset
        if isinstance(_client_type, Unset):
            client_type = UNSET
        else:
            client_type = OAuthClientCreateClientType(_client_type)

        _grant_types = d.pop("grant_types", UNSET)
        grant_types: list[OAuthClientCreateGrantTypesItem] | Unset = UNSET
        if _grant_types is not UNSET:
            grant_types = []
            for grant_types_item_data in _grant_types:
                grant_types_item = OAuthClientCreateGrantTypesItem(grant_types_item_data)

                grant_types.append(grant_types_item)

        redirect_uri = d.pop("redirect_uri", UNSET)

        redirect_uris = cast(list[str], d.pop("redirect_uris", UNSET))

        o_auth_client_create = cls(
            name=name,
            scopes=scopes,
            client_type=client_type,
            grant_types=grant_types,
            redirect_uri=redirect_uri,
            redirect_uris=redirect_uris,
        )

        return o_auth_client_create
