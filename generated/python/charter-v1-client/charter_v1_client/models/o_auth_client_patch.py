from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.o_auth_client_patch_grant_types_item import OAuthClientPatchGrantTypesItem
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
        scopes (list[str] | Unset):
    """

    grant_types: list[OAuthClientPatchGrantTypesItem] | Unset = UNSET
    name: str | Unset = UNSET
    redirect_uris: list[str] | Unset = UNSET
    scopes: list[str] | Unset = UNSET

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
            scopes = self.scopes

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

        scopes = cast(list[str], d.pop("scopes", UNSET))

        o_auth_client_patch = cls(
            grant_types=grant_types,
            name=name,
            redirect_uris=redirect_uris,
            scopes=scopes,
        )

        return o_auth_client_patch
