from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.o_auth_client_patch_grant_types_item import OAuthClientPatchGrantTypesItem
from ..models.o_auth_client_patch_scopes_item_type_1 import OAuthClientPatchScopesItemType1
from ..models.scope import Scope
from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthClientPatch")


@_attrs_define
class OAuthClientPatch:
    """
    Example:
        {'name': 'Reporting dashboard v2'}

    Attributes:
        grant_types (list[OAuthClientPatchGrantTypesItem] | Unset):
        name (str | Unset):
        redirect_uris (list[str] | Unset):
        scopes (list[OAuthClientPatchScopesItemType1 | Scope] | Unset): What the client may ask for, from the scope
            catalog and OpenID Connect's.
    """

    grant_types: list[OAuthClientPatchGrantTypesItem] | Unset = UNSET
    name: str | Unset = UNSET
    redirect_uris: list[str] | Unset = UNSET
    scopes: list[OAuthClientPatchScopesItemType1 | Scope] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        grant_types: list[str] | Unset = UNSET
        if not isinstance(self.grant_types, Unset):
            grant_types = []
            for grant_types_item_data in self.grant_types:
                grant_types_item = grant_types_item_data.value
                grant_types.append(grant_types_item)

        name = self.name

        redirect_uris: list[str] | Unset = UNSET
        if not isinstance(self.redirect_uris, Unset):
            redirect_uris = self.redirect_uris

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = []
            for scopes_item_data in self.scopes:
                scopes_item: str
                if isinstance(scopes_item_data, Scope):
                    scopes_item = scopes_item_data.value
                else:
                    scopes_item = scopes_item_data.value

                scopes.append(scopes_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if grant_types is not UNSET:
            field_dict["grant_types"] = grant_types
        if name is not UNSET:
            field_dict["name"] = name
        if redirect_uris is not UNSET:
            field_dict["redirect_uris"] = redirect_uris
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _grant_types = d.pop("grant_types", UNSET)
        grant_types: list[OAuthClientPatchGrantTypesItem] | Unset = UNSET
        if _grant_types is not UNSET:
            grant_types = []
            for grant_types_item_data in _grant_types:
                grant_types_item = OAuthClientPatchGrantTypesItem(grant_types_item_data)

                grant_types.append(grant_types_item)

        name = d.pop("name", UNSET)

        redirect_uris = cast(list[str], d.pop("redirect_uris", UNSET))

        _scopes = d.pop("scopes", UNSET)
        scopes: list[OAuthClientPatchScopesItemType1 | Scope] | Unset = UNSET
        if _scopes is not UNSET:
            scopes = []
            for scopes_item_data in _scopes:

                def _parse_scopes_item(data: object) -> OAuthClientPatchScopesItemType1 | Scope:
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        scopes_item_type_0 = Scope(data)

                        return scopes_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, str):
                        raise TypeError()
                    scopes_item_type_1 = OAuthClientPatchScopesItemType1(data)

                    return scopes_item_type_1

                scopes_item = _parse_scopes_item(scopes_item_data)

                scopes.append(scopes_item)

        o_auth_client_patch = cls(
            grant_types=grant_types,
            name=name,
            redirect_uris=redirect_uris,
            scopes=scopes,
        )

        return o_auth_client_patch
